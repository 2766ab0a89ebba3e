#include "GnuplotIO.h"
#include <gnuplot-iostream.h>
extern "C" int gnuplotio_version(void) { return 1; }
