#ifndef SMLOG_CZLIB_SHIM_H
#define SMLOG_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a C macro, which Swift cannot call.
static inline int smlog_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
#endif
