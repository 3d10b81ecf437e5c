#ifndef TIDEPOOL_CLIBPQ_SHIM_H
#define TIDEPOOL_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
