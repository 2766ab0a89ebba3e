// Pipe.cpp — the one POSIX call Swift cannot reach: pipe2(O_CLOEXEC).
//
// Why: Swift's Glibc module is compiled without _GNU_SOURCE, so pipe2 is not visible, and a
// pipe() followed by fcntl(FD_CLOEXEC) leaves a window in which a process spawned by another
// thread (parallel tests, two plots at once) inherits our end of the pipe. A gnuplot holding a
// copy of another gnuplot's stdin never lets that one see end-of-input: both would hang.
// (g++/clang++ define _GNU_SOURCE for C++, so pipe2 is declared here.)

#include "GnuplotIO.h"

#include <fcntl.h>
#include <unistd.h>

extern "C" int gnuplotio_pipe_cloexec(int fds[2]) {
#if defined(__linux__)
    return pipe2(fds, O_CLOEXEC);
#else
    if (pipe(fds) != 0) return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
#endif
}
