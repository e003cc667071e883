#ifndef YUQING_CREADLINE_SHIM_H
#define YUQING_CREADLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include <locale.h>
#include <readline/readline.h>
#include <readline/history.h>

/* wcwidth is declared by <wchar.h> only under _XOPEN_SOURCE, and defining that here would change `struct tm` and
   clash with the Glibc module on a clean build; declare the one function instead. */
extern int wcwidth(wchar_t c);

/* Swift 6 rejects readline's mutable globals as not concurrency-safe, so they are set through these setters. */
static inline void yq_rl_set_readline_name(const char *name) { rl_readline_name = name; }
static inline void yq_rl_set_completion(rl_completion_func_t *f) { rl_attempted_completion_function = f; }
static inline void yq_rl_set_attempted_completion_over(int v) { rl_attempted_completion_over = v; }
static inline void yq_rl_set_completion_append_character(int c) { rl_completion_append_character = c; }
static inline void yq_rl_set_signal_event_hook(rl_hook_func_t *f) { rl_signal_event_hook = f; }
static inline void yq_rl_set_catch_signals(int v) { rl_catch_signals = v; }
static inline void yq_rl_set_event_hook(rl_hook_func_t *f) { rl_event_hook = f; }
static inline void yq_rl_set_basic_word_break_characters(const char *s) { rl_basic_word_break_characters = s; }
static inline void yq_rl_set_completer_quote_characters(const char *s) { rl_completer_quote_characters = s; }
static inline void yq_rl_set_filename_completion_desired(int v) { rl_filename_completion_desired = v; }
static inline void yq_rl_set_done(int v) { rl_done = v; }
static inline const char *yq_rl_line_buffer(void) { return rl_line_buffer; }
static inline int yq_rl_point(void) { return rl_point; }
static inline void yq_rl_set_instream(FILE *f) { rl_instream = f; }
static inline void yq_rl_set_outstream(FILE *f) { rl_outstream = f; }
static inline int yq_wcwidth(wchar_t c) { return wcwidth(c); }

/* stdio's streams are mutable globals too; Swift 6 reaches them through these. */
static inline FILE *yq_stdout(void) { return stdout; }
static inline FILE *yq_stderr(void) { return stderr; }

#endif
