#ifndef SHALLOW_GNUPLOT_IO_H
#define SHALLOW_GNUPLOT_IO_H
// C API over gnuplot-iostream (placeholder; the Plotting work fills it in).
#ifdef __cplusplus
extern "C" {
#endif
int gnuplotio_version(void);
#ifdef __cplusplus
}
#endif
#endif
