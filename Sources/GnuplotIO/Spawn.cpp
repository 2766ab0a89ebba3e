// Spawn.cpp — starting gnuplot so that it dies with us.
//
// Why not posix_spawn: a `shallow` killed by SIGKILL (or crashing) used to leave its gnuplot
// running, still reading the rest of a script that would never come or writing a file nobody
// waits for. Linux can tie a child's life to its parent with prctl(PR_SET_PDEATHSIG), but only
// the child itself can ask for it, between fork and exec — which posix_spawn offers no hook for.
//
// The child runs only async-signal-safe calls (we may be multi-threaded): no malloc, no locks.
// Race: if we die between fork and prctl, the signal is never sent; so the child compares
// getppid() with the pid we had before fork, after prctl, and exits at once if they differ.
// Caveat (Linux semantics): the signal fires when the *thread* that forked exits, not the
// process. GnuplotProcess.run waits for gnuplot on the thread that spawned it, so that thread
// outlives gnuplot.
// An exec failure travels back as an errno over a close-on-exec pipe: end-of-file on that pipe
// means the exec succeeded.

#include "GnuplotIO.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

namespace {

[[noreturn]] void reportAndExit(int channel, int code) {
    ssize_t written;
    do { written = write(channel, &code, sizeof code); } while (written < 0 && errno == EINTR);
    _exit(127);
}

[[noreturn]] void runChild(pid_t parent, int channel, const char *path, char *const argv[], char *const envp[],
                           int stdinFD, int stderrFD) {
#if defined(__linux__)
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) reportAndExit(channel, errno);
    if (getppid() != parent) _exit(127);  // we were orphaned before prctl took effect
#else
    (void)parent;
#endif
    // Copies above 2 first, so that dup2 onto 0 cannot clobber stderrFD (or the reverse) when
    // our own standard descriptors were closed and the pipe got a low number.
    int in = fcntl(stdinFD, F_DUPFD_CLOEXEC, 3);
    int err = fcntl(stderrFD, F_DUPFD_CLOEXEC, 3);
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (in < 0 || err < 0 || null < 0) reportAndExit(channel, errno);
    if (dup2(in, 0) < 0 || dup2(null, 1) < 0 || dup2(err, 2) < 0) reportAndExit(channel, errno);

    // The parent ignores SIGPIPE; gnuplot gets the default back, and an empty signal mask.
    struct sigaction action = {};
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(SIGPIPE, &action, nullptr);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);

    execve(path, argv, envp);
    reportAndExit(channel, errno);
}

}  // namespace

extern "C" int gnuplotio_spawn(const char *path, char *const argv[], char *const envp[], int stdin_fd,
                               int stderr_fd, pid_t *pid) {
    if (path == nullptr || argv == nullptr || envp == nullptr || pid == nullptr) return EINVAL;
    int channel[2];
    if (gnuplotio_pipe_cloexec(channel) != 0) return errno;
    pid_t parent = getpid();
    pid_t child = fork();
    if (child < 0) {
        int code = errno;
        close(channel[0]);
        close(channel[1]);
        return code;
    }
    if (child == 0) {
        close(channel[0]);
        runChild(parent, channel[1], path, argv, envp, stdin_fd, stderr_fd);
    }
    close(channel[1]);
    int code = 0;
    ssize_t got;
    do { got = read(channel[0], &code, sizeof code); } while (got < 0 && errno == EINTR);
    close(channel[0]);
    if (got == (ssize_t)sizeof code) {  // the child could not exec: reap it, report why
        while (waitpid(child, nullptr, 0) < 0 && errno == EINTR) {}
        return code == 0 ? ECHILD : code;
    }
    *pid = child;
    return 0;
}
