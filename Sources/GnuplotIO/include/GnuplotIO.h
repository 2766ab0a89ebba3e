#ifndef SHALLOW_GNUPLOT_IO_H
#define SHALLOW_GNUPLOT_IO_H
// GnuplotIO — a plain C API over gnuplot-iostream's `Gnuplot` class.
//
// Why C: Swift's C++ interop cannot import `Gnuplot` (it has no move constructor), so the class
// stays inside GnuplotIO.cpp and Swift sees an opaque session pointer and functions returning
// status codes. No C++ exception ever crosses this boundary: every entry point catches and
// turns failures into a status code plus a message (gnuplotio_error).
//
// Who owns what: Swift spawns gnuplot, creates the pipe to its stdin and hands the write end
// over as a `FILE *` (fdopen). From gnuplotio_open on, the session owns that FILE and
// gnuplotio_close closes it, which is what tells gnuplot "end of input".
//
// Data layout: all arrays are row-major and contiguous.
//   point data: `rows` × `columns` doubles, one line of text per row;
//   grids:      `ny` rows × `nx` columns (× `channels`), x varying fastest, first row = lowest y,
//               which is the order gnuplot's `binary array=(nx,ny)` expects.

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Status codes returned by every function that can fail.
enum {
    GNUPLOTIO_OK = 0,
    /// Writing to the pipe failed (typically: gnuplot has exited, EPIPE).
    GNUPLOTIO_WRITE_FAILED = 1,
    /// An argument was invalid (null pointer, zero size, buffer too small, ...).
    GNUPLOTIO_BAD_ARGUMENT = 2,
    /// Anything else thrown inside gnuplot-iostream or the C++ library (e.g. bad_alloc).
    GNUPLOTIO_INTERNAL = 3,
};

/// An open gnuplot-iostream session on a pipe. Opaque to C and Swift.
typedef struct gnuplotio_session gnuplotio_session;

/// Wraps `fh` (open for writing) in a gnuplot-iostream `Gnuplot(FILE *)`.
/// On success the session owns `fh`; on failure (NULL) the caller still owns it.
gnuplotio_session *gnuplotio_open(FILE *fh);

/// Flushes, closes the FILE and frees the session. Returns GNUPLOTIO_OK only if every write
/// of the session's lifetime succeeded; otherwise the first failure's code.
int gnuplotio_close(gnuplotio_session *session);

/// The message of the first failure of this session, or "" if none. Valid until close.
const char *gnuplotio_error(const gnuplotio_session *session);

/// Pushes everything sent so far onto the pipe. (Every send already ends with a flush; this is
/// for callers that want to be explicit.)
int gnuplotio_flush(gnuplotio_session *session);

/// Sends `length` bytes of script text verbatim (no newline is added).
int gnuplotio_send_text(gnuplotio_session *session, const char *text, size_t length);

/// Sends point data as text for one `'-'` source: `rows` lines of `columns` numbers, then the
/// terminating `e`. (gnuplot-iostream `send1d`.)
int gnuplotio_send1d(gnuplotio_session *session, const double *values, size_t rows, size_t columns);

/// Like gnuplotio_send1d, but the rows are split into blocks separated by a blank line, which
/// gnuplot draws as separate line pieces: block k is rows [block_ends[k-1], block_ends[k]).
/// (gnuplot-iostream `send2d` of a ragged vector of blocks.)
int gnuplotio_send_blocks(gnuplotio_session *session, const double *values, size_t rows, size_t columns,
                          const size_t *block_ends, size_t blocks);

/// Writes the `binary` clause (` format='%float' array=(nx,ny) `) for a grid of floats with
/// `channels` (1...4) values per cell into `out` (NUL-terminated; `capacity` bytes). Needs no
/// session, so a script can be written before gnuplot runs. (gnuplot-iostream `binFmt2d`.)
int gnuplotio_binfmt2d_float(size_t nx, size_t ny, size_t channels, char *out, size_t capacity);

/// Sends a grid as raw 32-bit floats (converted from the doubles given) for one `'-' binary` source.
/// (gnuplot-iostream `sendBinary2d`.)
int gnuplotio_send_binary2d_float(gnuplotio_session *session, const double *values, size_t nx, size_t ny,
                                  size_t channels);

/// The `binary` clause for a grid of bytes with `channels` bytes per cell (e.g. 3 for RGB).
int gnuplotio_binfmt2d_uint8(size_t nx, size_t ny, size_t channels, char *out, size_t capacity);

/// Sends a grid of bytes (e.g. RGB for `with rgbimage`) for one `'-' binary` source.
int gnuplotio_send_binary2d_uint8(gnuplotio_session *session, const uint8_t *values, size_t nx, size_t ny,
                                  size_t channels);

/// pipe2(fds, O_CLOEXEC): a pipe whose ends no spawned process inherits unless dup2'ed onto
/// its stdin. Returns 0 or -1 with errno set. (Not gnuplot-iostream; Swift cannot call pipe2.)
int gnuplotio_pipe_cloexec(int fds[2]);

/// Starts `path` with `argv` and `envp` (NULL-terminated), its stdin and stderr dup'ed from
/// `stdin_fd` and `stderr_fd`, stdout on /dev/null, SIGPIPE at its default and no signal blocked.
/// On Linux the child asks for SIGKILL when its parent thread dies (PR_SET_PDEATHSIG), so a
/// killed shallow never leaves a gnuplot behind. Returns 0 and sets `*pid`, or an errno value
/// (the exec's own failure included, e.g. ENOENT or EACCES). Does not wait for the child.
int gnuplotio_spawn(const char *path, char *const argv[], char *const envp[], int stdin_fd, int stderr_fd,
                    pid_t *pid);

#ifdef __cplusplus
}
#endif
#endif
