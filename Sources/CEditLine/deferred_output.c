// libedit's terminal output, held back until the reader is about to wait for a key.
//
// libedit flushes its output stream after every key it handles, so with a plain unbuffered stream the
// prompt and a line typed (or pasted) in one go reach the terminal one write(2) per character, and each
// write to a pty wakes whoever reads it. Here libedit writes to a glibc cookie stream that only appends to
// memory; LineEditor.swift flushes it when no more input is ready, as readline does with its typeahead.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE  // fopencookie
#endif
#include "editline_api.h"
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct tp_deferred_output {
    int fd;
    FILE *stream;
    char *data;
    size_t length;
    size_t capacity;
};

static ssize_t deferred_write(void *cookie, const char *bytes, size_t count) {
    tp_deferred_output *out = cookie;
    if (out->length + count > out->capacity) {
        size_t capacity = out->capacity ? out->capacity : 256;
        while (capacity < out->length + count) capacity *= 2;
        char *grown = realloc(out->data, capacity);
        if (!grown) { errno = ENOMEM; return -1; }
        out->data = grown;
        out->capacity = capacity;
    }
    memcpy(out->data + out->length, bytes, count);
    out->length += count;
    return (ssize_t)count;
}

EditLine *tp_el_open(const char *program, int in_fd, int out_fd, int err_fd, tp_deferred_output **output) {
    if (tp_editline_load() != 0) return NULL;
    tp_deferred_output *out = calloc(1, sizeof *out);
    if (!out) return NULL;
    out->fd = out_fd;
    cookie_io_functions_t functions = { .read = NULL, .write = deferred_write, .seek = NULL, .close = NULL };
    out->stream = fopencookie(out, "w", functions);
    // libedit wants FILE streams; these wrap the descriptors without taking ownership of stdio's own.
    FILE *in = fdopen(dup(in_fd), "r");
    FILE *err = fdopen(dup(err_fd), "w");
    EditLine *el = NULL;
    if (out->stream && in && err) {
        setvbuf(err, NULL, _IONBF, 0);
        // The cookie stream has no descriptor: libedit is told the real one (it checks it is a terminal).
        el = tp_editline.el_init_fd(program, in, out->stream, err, fileno(in), out_fd, fileno(err));
    }
    if (!el) {
        if (out->stream) fclose(out->stream);
        if (in) fclose(in);
        if (err) fclose(err);
        free(out->data);
        free(out);
        return NULL;
    }
    *output = out;
    return el;
}

int tp_deferred_output_flush(tp_deferred_output *out) {
    if (!out) return 0;
    fflush(out->stream);
    size_t done = 0;
    int result = 0;
    while (done < out->length) {
        ssize_t n = write(out->fd, out->data + done, out->length - done);
        if (n > 0) { done += (size_t)n; continue; }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) {
            struct pollfd p = { .fd = out->fd, .events = POLLOUT, .revents = 0 };
            (void)poll(&p, 1, -1);
            continue;
        }
        result = -1;  // the terminal is gone: what was held back is dropped
        break;
    }
    out->length = 0;
    return result;
}

int tp_deferred_output_pending(tp_deferred_output *out) {
    if (!out) return 0;
    fflush(out->stream);
    return out->length > 0;
}

void tp_deferred_output_close(tp_deferred_output *out) {
    if (!out) return;
    tp_deferred_output_flush(out);
    fclose(out->stream);
    free(out->data);
    free(out);
}
