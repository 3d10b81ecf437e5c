#include "editline_api.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void tp_el_close(EditLine *el) { if (el) tp_editline.el_end(el); }

int tp_el_set_prompt(EditLine *el, tp_prompt_fn fn) { return tp_editline.el_set(el, EL_PROMPT_ESC, fn, '\1'); }
int tp_el_set_rprompt(EditLine *el, tp_prompt_fn fn) { return tp_editline.el_set(el, EL_RPROMPT_ESC, fn, '\1'); }
int tp_el_set_editor(EditLine *el, const char *mode) { return tp_editline.el_set(el, EL_EDITOR, mode); }
int tp_el_set_getc(EditLine *el, tp_getc_fn fn) { return tp_editline.el_set(el, EL_GETCFN, fn); }
int tp_el_set_clientdata(EditLine *el, void *data) { return tp_editline.el_set(el, EL_CLIENTDATA, data); }
void *tp_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    tp_editline.el_get(el, EL_CLIENTDATA, &data);
    return data;
}
int tp_el_set_signal(EditLine *el, int on) { return tp_editline.el_set(el, EL_SIGNAL, on); }
int tp_el_add_function(EditLine *el, const char *name, const char *help, tp_command_fn fn) {
    return tp_editline.el_set(el, EL_ADDFN, name, help, fn);
}
int tp_el_bind(EditLine *el, const char *key, const char *function_name) {
    return tp_editline.el_set(el, EL_BIND, key, function_name, NULL);
}
int tp_el_set_history(EditLine *el, History *h) { return tp_editline.el_set(el, EL_HIST, tp_editline.history, h); }
int tp_el_terminal_columns(EditLine *el) {
    int cols = 0;
    if (tp_editline.el_get(el, EL_GETTC, "co", &cols, NULL) != 0) return 0;
    return cols;
}
int tp_el_source(EditLine *el) { return tp_editline.el_source(el, NULL); }

History *tp_history_open(int size) {
    History *h = tp_editline.history_init();
    if (!h) return NULL;
    HistEvent ev;
    tp_editline.history(h, &ev, H_SETSIZE, size);
    return h;
}
void tp_history_close(History *h) { if (h) tp_editline.history_end(h); }
int tp_history_enter(History *h, const char *line) { HistEvent ev; return tp_editline.history(h, &ev, H_ENTER, line); }
int tp_history_clear(History *h) { HistEvent ev; return tp_editline.history(h, &ev, H_CLEAR); }
int tp_history_set_size(History *h, int size) { HistEvent ev; return tp_editline.history(h, &ev, H_SETSIZE, size); }

void tp_el_resize(EditLine *el) { tp_editline.el_resize(el); }
const char *tp_el_gets(EditLine *el, int *count) { return tp_editline.el_gets(el, count); }
void tp_el_reset(EditLine *el) { tp_editline.el_reset(el); }
const LineInfo *tp_el_line(EditLine *el) { return tp_editline.el_line(el); }
void tp_el_deletestr(EditLine *el, int count) { tp_editline.el_deletestr(el, count); }
int tp_el_insertstr(EditLine *el, const char *text) { return tp_editline.el_insertstr(el, text); }
