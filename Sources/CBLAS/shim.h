// OpenBLAS's CBLAS interface (Debian's libopenblas-dev puts cblas.h in the multiarch include dir).
// It also declares openblas_set_num_threads and openblas_get_corename.
#include <cblas.h>
