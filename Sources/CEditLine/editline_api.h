// The libedit functions tidepool calls, reached through pointers filled in by tp_editline_load()
// (editline_loader.c). Private to this target: the Swift side calls the tp_ wrappers only.
#ifndef TIDEPOOL_EDITLINE_API_H
#define TIDEPOOL_EDITLINE_API_H

#include "CEditLine.h"

struct tp_editline_api {
    EditLine *(*el_init_fd)(const char *, FILE *, FILE *, FILE *, int, int, int);
    void (*el_end)(EditLine *);
    void (*el_reset)(EditLine *);
    const char *(*el_gets)(EditLine *, int *);
    int (*el_set)(EditLine *, int, ...);
    int (*el_get)(EditLine *, int, ...);
    int (*el_source)(EditLine *, const char *);
    void (*el_resize)(EditLine *);
    const LineInfo *(*el_line)(EditLine *);
    int (*el_insertstr)(EditLine *, const char *);
    void (*el_deletestr)(EditLine *, int);
    History *(*history_init)(void);
    void (*history_end)(History *);
    int (*history)(History *, HistEvent *, int, ...);
};

/// Filled in by the first successful tp_editline_load(); never changed after.
extern struct tp_editline_api tp_editline;

#endif
