// C glue the Swift side cannot express itself:
//  - libedit, loaded on first use (editline_loader.c says why), and one-line wrappers over the functions
//    tidepool calls, including the variadic el_set/el_get/history ones;
//  - the async-signal-safe handler that turns signals into bytes on a self-pipe
//    (see DESIGN.md, Concurrency model: nothing but write() runs in the handler).
#ifndef TIDEPOOL_CEDITLINE_H
#define TIDEPOOL_CEDITLINE_H

#include <stdio.h>
#include <histedit.h>

typedef char *(*tp_prompt_fn)(EditLine *);
typedef int (*tp_getc_fn)(EditLine *, wchar_t *);
typedef unsigned char (*tp_command_fn)(EditLine *, int);

/// libedit's terminal output, held in memory until flushed (deferred_output.c), so that a line typed in
/// one go reaches the terminal in one write. Flush before waiting for input and before writing to the
/// terminal directly.
typedef struct tp_deferred_output tp_deferred_output;
/// Loads libedit (once; later calls return the first answer). 0 when it is ready, -1 when it could not be
/// loaded: tp_editline_load_error() then says why. tp_el_open calls it; nothing else needs to.
int tp_editline_load(void);
const char *tp_editline_load_error(void);  // NULL once libedit is loaded

/// Opens libedit on the given descriptors (stdin/stdout/stderr of a terminal); its output to out_fd goes
/// through *output.
EditLine *tp_el_open(const char *program, int in_fd, int out_fd, int err_fd, tp_deferred_output **output);
void tp_el_close(EditLine *el);
int tp_deferred_output_flush(tp_deferred_output *output);  // 0, or -1 when the write failed
int tp_deferred_output_pending(tp_deferred_output *output);
void tp_deferred_output_close(tp_deferred_output *output);   // flushes; after tp_el_close

int tp_el_set_prompt(EditLine *el, tp_prompt_fn fn);        // EL_PROMPT_ESC with \1 as the escape mark
int tp_el_set_rprompt(EditLine *el, tp_prompt_fn fn);
int tp_el_set_editor(EditLine *el, const char *mode);       // "emacs" or "vi"
int tp_el_set_getc(EditLine *el, tp_getc_fn fn);            // EL_GETCFN
int tp_el_set_clientdata(EditLine *el, void *data);
void *tp_el_get_clientdata(EditLine *el);
int tp_el_set_signal(EditLine *el, int on);
int tp_el_add_function(EditLine *el, const char *name, const char *help, tp_command_fn fn);
int tp_el_bind(EditLine *el, const char *key, const char *function_name);
int tp_el_set_history(EditLine *el, History *h);
int tp_el_terminal_columns(EditLine *el);                   // EL_GETTC "co"; 0 when unknown
int tp_el_source(EditLine *el);                             // reads ~/.editrc if present
void tp_el_resize(EditLine *el);
const char *tp_el_gets(EditLine *el, int *count);
void tp_el_reset(EditLine *el);
const LineInfo *tp_el_line(EditLine *el);
void tp_el_deletestr(EditLine *el, int count);              // counts characters, not bytes
int tp_el_insertstr(EditLine *el, const char *text);

History *tp_history_open(int size);
void tp_history_close(History *h);
int tp_history_enter(History *h, const char *line);
int tp_history_clear(History *h);
int tp_history_set_size(History *h, int size);

/// Installs handlers for SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGWINCH that write the signal
/// number as one byte to write_fd. Returns 0 on success.
int tp_install_signal_pipe(int write_fd);
/// How many times those handlers ran (wraps); changes whenever a byte went to the pipe.
int tp_signals_received(void);
/// Restores the default disposition of the given signal.
void tp_restore_default_signal(int signo);

#endif
