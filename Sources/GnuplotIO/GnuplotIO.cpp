// GnuplotIO.cpp — the only place that touches gnuplot-iostream.
//
// Each entry point (1) validates its arguments, (2) copies the caller's flat arrays into the
// nested std::vectors gnuplot-iostream understands, (3) writes, and (4) checks the stream
// state, because boost's file_descriptor_sink reports a failed write (EPIPE from a dead gnuplot)
// by setting badbit rather than by a return value. Every exception is caught here.

#include "GnuplotIO.h"

// gnuplot-iostream uses boost APIs boost marks deprecated; the warning is about the library, not this file.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
#include <gnuplot-iostream.h>
#pragma clang diagnostic pop

#include <array>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <type_traits>
#include <vector>

struct gnuplotio_session {
    explicit gnuplotio_session(FILE *fh) : gp(fh) {}
    Gnuplot gp;
    int status = GNUPLOTIO_OK;  // first failure of the session, sticky
    std::string error;          // its message
};

namespace {

// Records the first failure; later ones are usually consequences of it.
int fail(gnuplotio_session *s, int code, const std::string &message) {
    if (s != nullptr && s->status == GNUPLOTIO_OK) {
        s->status = code;
        s->error = message;
    }
    return code;
}

// Runs `body` and converts the stream state and any exception into a status code.
template <typename Body>
int guarded(gnuplotio_session *s, const char *what, Body body) {
    if (s == nullptr) return GNUPLOTIO_BAD_ARGUMENT;
    // Once a write has failed the pipe is dead; do not pile further writes onto it.
    if (s->status == GNUPLOTIO_WRITE_FAILED) return s->status;
    try {
        body();
        if (!s->gp.good()) {
            return fail(s, GNUPLOTIO_WRITE_FAILED, std::string("writing ") + what + " to gnuplot failed");
        }
        return GNUPLOTIO_OK;
    } catch (const std::bad_alloc &) {
        return fail(s, GNUPLOTIO_INTERNAL, std::string("out of memory while sending ") + what);
    } catch (const std::ios_base::failure &e) {
        return fail(s, GNUPLOTIO_WRITE_FAILED, std::string("writing ") + what + " to gnuplot failed: " + e.what());
    } catch (const std::exception &e) {
        return fail(s, GNUPLOTIO_INTERNAL, std::string("sending ") + what + ": " + e.what());
    } catch (...) {
        return fail(s, GNUPLOTIO_INTERNAL, std::string("sending ") + what + ": unknown C++ exception");
    }
}

// rows × columns (row-major) → one inner vector per row, as send1d expects.
std::vector<std::vector<double>> rowsOf(const double *values, size_t begin, size_t end, size_t columns) {
    std::vector<std::vector<double>> rows;
    rows.reserve(end - begin);
    for (size_t r = begin; r < end; ++r) {
        rows.emplace_back(values + r * columns, values + (r + 1) * columns);
    }
    return rows;
}

// A grid cell: a bare number for one channel, a std::array for several (e.g. RGB). Cells are
// fixed-size values so that a 670,000-cell heat map costs ny allocations, not one per cell.
template <typename T, size_t N> struct Cell { using type = std::array<T, N>; };
template <typename T> struct Cell<T, 1> { using type = T; };

template <typename T, size_t N>
void store(typename Cell<T, N>::type &cell, size_t c, T value) {
    if constexpr (N == 1) { (void)c; cell = value; } else { cell[c] = value; }
}

// ny × nx × N (row-major) → grid[row][column]. gnuplot-iostream's Mode2D sends the outer index
// slowest and its binFmt2d reports `array=(nx,ny)`: exactly gnuplot's x-fastest binary layout.
template <typename T, size_t N, typename In>
std::vector<std::vector<typename Cell<T, N>::type>> gridOf(const In *values, size_t nx, size_t ny) {
    using C = typename Cell<T, N>::type;
    std::vector<std::vector<C>> grid(ny, std::vector<C>(nx));
    const In *p = values;
    for (size_t j = 0; j < ny; ++j) {
        for (size_t i = 0; i < nx; ++i) {
            for (size_t c = 0; c < N; ++c) store<T, N>(grid[j][i], c, static_cast<T>(*p++));
        }
    }
    return grid;
}

bool validGrid(size_t nx, size_t ny, size_t channels) {
    return nx > 0 && ny > 0 && channels >= 1 && channels <= 4;
}

// Calls body(std::integral_constant<size_t, N>) for the runtime channel count 1...4.
template <typename Body>
void withChannels(size_t channels, Body body) {
    switch (channels) {
    case 1: body(std::integral_constant<size_t, 1>()); break;
    case 2: body(std::integral_constant<size_t, 2>()); break;
    case 3: body(std::integral_constant<size_t, 3>()); break;
    default: body(std::integral_constant<size_t, 4>()); break;
    }
}

// binFmt2d is a member of Gnuplot but only formats text; it never touches the stream. One shared
// instance on /dev/null lets scripts be written before any gnuplot runs (C++11 makes the static's
// initialisation thread-safe, and binFmt2d does not mutate the object).
Gnuplot *formatter() {
    static Gnuplot *instance = [] () -> Gnuplot * {
        FILE *null = std::fopen("/dev/null", "w");
        return null ? new Gnuplot(null) : nullptr;  // never deleted: lives as long as the process
    }();
    return instance;
}

// binFmt2d reads the format from the cell type and the sizes from the container, so it needs a
// container of the right shape; its contents are never looked at.
template <typename T>
int binfmt(size_t nx, size_t ny, size_t channels, char *out, size_t capacity) {
    if (out == nullptr || capacity == 0 || !validGrid(nx, ny, channels)) return GNUPLOTIO_BAD_ARGUMENT;
    try {
        Gnuplot *gp = formatter();
        if (gp == nullptr) return GNUPLOTIO_INTERNAL;
        std::string text;
        withChannels(channels, [&](auto n) {
            using C = typename Cell<T, decltype(n)::value>::type;
            std::vector<std::vector<C>> shape(ny, std::vector<C>(nx));
            text = gp->binFmt2d(shape, "array");
        });
        if (text.size() + 1 > capacity) return GNUPLOTIO_BAD_ARGUMENT;
        std::memcpy(out, text.c_str(), text.size() + 1);
        return GNUPLOTIO_OK;
    } catch (...) {
        return GNUPLOTIO_INTERNAL;
    }
}

template <typename T, typename In>
int sendGrid(gnuplotio_session *s, const In *values, size_t nx, size_t ny, size_t channels) {
    if (values == nullptr || !validGrid(nx, ny, channels)) {
        return fail(s, GNUPLOTIO_BAD_ARGUMENT, "send_binary2d: bad grid");
    }
    return guarded(s, "grid data", [&] {
        withChannels(channels, [&](auto n) { s->gp.sendBinary2d(gridOf<T, decltype(n)::value>(values, nx, ny)); });
    });
}

}  // namespace

extern "C" gnuplotio_session *gnuplotio_open(FILE *fh) {
    if (fh == nullptr) return nullptr;
    try {
        return new gnuplotio_session(fh);
    } catch (...) {
        return nullptr;
    }
}

extern "C" int gnuplotio_close(gnuplotio_session *session) {
    if (session == nullptr) return GNUPLOTIO_BAD_ARGUMENT;
    // ~Gnuplot flushes and fcloses the FILE. Flush first ourselves so a failure is reported.
    if (session->status == GNUPLOTIO_OK) {
        try {
            session->gp.flush();
            if (!session->gp.good()) fail(session, GNUPLOTIO_WRITE_FAILED, "flushing to gnuplot failed");
        } catch (...) {
            fail(session, GNUPLOTIO_WRITE_FAILED, "flushing to gnuplot failed");
        }
    }
    int status = session->status;
    // ~Gnuplot cannot throw here: a failed flush only sets badbit (no exception mask is set),
    // and nothing is buffered in the FILE itself (boost writes to the descriptor), so the
    // fclose that ends gnuplot's input has nothing left to fail on.
    delete session;
    return status;
}

extern "C" const char *gnuplotio_error(const gnuplotio_session *session) {
    if (session == nullptr) return "no gnuplot session";
    return session->error.c_str();
}

extern "C" int gnuplotio_flush(gnuplotio_session *session) {
    return guarded(session, "buffered data", [&] { session->gp.flush(); });
}

extern "C" int gnuplotio_send_text(gnuplotio_session *session, const char *text, size_t length) {
    if (text == nullptr && length > 0) return fail(session, GNUPLOTIO_BAD_ARGUMENT, "send_text: null text");
    return guarded(session, "script text", [&] {
        session->gp.write(text, static_cast<std::streamsize>(length));
        session->gp.flush();
    });
}

extern "C" int gnuplotio_send1d(gnuplotio_session *session, const double *values, size_t rows, size_t columns) {
    if (columns == 0 || (values == nullptr && rows > 0)) {
        return fail(session, GNUPLOTIO_BAD_ARGUMENT, "send1d: bad point data");
    }
    return guarded(session, "point data", [&] { session->gp.send1d(rowsOf(values, 0, rows, columns)); });
}

extern "C" int gnuplotio_send_blocks(gnuplotio_session *session, const double *values, size_t rows, size_t columns,
                                     const size_t *block_ends, size_t blocks) {
    if (columns == 0 || (values == nullptr && rows > 0) || (block_ends == nullptr && blocks > 0)) {
        return fail(session, GNUPLOTIO_BAD_ARGUMENT, "send_blocks: bad point data");
    }
    size_t begin = 0;
    for (size_t k = 0; k < blocks; ++k) {
        if (block_ends[k] < begin || block_ends[k] > rows) {
            return fail(session, GNUPLOTIO_BAD_ARGUMENT, "send_blocks: block ends out of order");
        }
        begin = block_ends[k];
    }
    return guarded(session, "line data", [&] {
        std::vector<std::vector<std::vector<double>>> parts;
        parts.reserve(blocks);
        size_t start = 0;
        for (size_t k = 0; k < blocks; ++k) {
            if (block_ends[k] > start) parts.push_back(rowsOf(values, start, block_ends[k], columns));
            start = block_ends[k];
        }
        session->gp.send2d(parts);
    });
}

extern "C" int gnuplotio_binfmt2d_float(size_t nx, size_t ny, size_t channels, char *out, size_t capacity) {
    return binfmt<float>(nx, ny, channels, out, capacity);
}

extern "C" int gnuplotio_send_binary2d_float(gnuplotio_session *session, const double *values, size_t nx, size_t ny,
                                             size_t channels) {
    return sendGrid<float>(session, values, nx, ny, channels);
}

extern "C" int gnuplotio_binfmt2d_uint8(size_t nx, size_t ny, size_t channels, char *out, size_t capacity) {
    return binfmt<uint8_t>(nx, ny, channels, out, capacity);
}

extern "C" int gnuplotio_send_binary2d_uint8(gnuplotio_session *session, const uint8_t *values, size_t nx, size_t ny,
                                             size_t channels) {
    return sendGrid<uint8_t>(session, values, nx, ny, channels);
}
