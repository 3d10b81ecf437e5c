// libedit is loaded when the first line editor opens, not when the process starts.
//
// Why: most runs never edit a line (`-c`, `-f`, a script on stdin, a CI job), yet a binary linked
// against libedit makes the dynamic loader map and relocate libedit and, on Debian, libbsd and libmd on
// every start: about 0.35 ms of CPU and 0.4 MB of resident memory (a hello-world linked with libpq, with
// and without -ledit, measured in an interleaved loop). An interactive session pays the same cost once,
// when its prompt opens.
#include "editline_api.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct tp_editline_api tp_editline;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int load_status = -1;
static char load_error[512] = "libedit was not loaded";

// The soname differs between distributions: Debian and Ubuntu ship libedit.so.2, Fedora and Alpine
// libedit.so.0; the unversioned name exists where the -dev package is installed.
static const char *const library_names[] = { "libedit.so.2", "libedit.so.0", "libedit.so" };

#define RESOLVE(handle, name)                                                                      \
    do {                                                                                           \
        *(void **)(&tp_editline.name) = dlsym(handle, #name);                                      \
        if (!tp_editline.name) {                                                                   \
            snprintf(load_error, sizeof load_error, "libedit lacks %s", #name);                    \
            return;                                                                                \
        }                                                                                          \
    } while (0)

static void load(void) {
    void *handle = NULL;
    for (size_t i = 0; i < sizeof library_names / sizeof *library_names && !handle; i++) {
        handle = dlopen(library_names[i], RTLD_NOW | RTLD_LOCAL);
        if (!handle && i == 0) {
            const char *why = dlerror();
            snprintf(load_error, sizeof load_error, "%s", why ? why : "cannot load libedit.so.2");
        }
    }
    if (!handle) return;
    RESOLVE(handle, el_init_fd);
    RESOLVE(handle, el_end);
    RESOLVE(handle, el_reset);
    RESOLVE(handle, el_gets);
    RESOLVE(handle, el_set);
    RESOLVE(handle, el_get);
    RESOLVE(handle, el_source);
    RESOLVE(handle, el_resize);
    RESOLVE(handle, el_line);
    RESOLVE(handle, el_insertstr);
    RESOLVE(handle, el_deletestr);
    RESOLVE(handle, history_init);
    RESOLVE(handle, history_end);
    RESOLVE(handle, history);
    load_status = 0;  // the library stays loaded for the life of the process
}

int tp_editline_load(void) {
    pthread_once(&load_once, load);
    return load_status;
}

const char *tp_editline_load_error(void) {
    return load_status == 0 ? NULL : load_error;
}
