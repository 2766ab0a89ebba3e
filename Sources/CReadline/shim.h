// GNU readline, plus the process's Ctrl-C handling (kept in C: a signal handler may only touch
// sig_atomic_t flags and async-signal-tolerant calls, which Swift 6 cannot express safely).
// stdio.h must come first: readline.h uses FILE without including it.
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <readline/readline.h>
#include <readline/history.h>

// One instance of each flag for the whole program. Not `static`: Swift emits a header's static variables
// once per source file that uses them, so the handler (installed from Terminal.swift) and the REPL
// (REPL.swift) would each see their own copy. Weak definitions are merged into one by the linker.
__attribute__((weak)) volatile sig_atomic_t shallow_interrupt_flag = 0;
__attribute__((weak)) volatile sig_atomic_t shallow_prompt_active = 0;

// SIGINT: at the prompt, abandon the typed line and show a fresh prompt; during a command, raise the
// flag that long commands poll between iterations.
static void shallow_on_sigint(int signal_number) {
    (void)signal_number;
    if (shallow_prompt_active) {
        (void)write(STDOUT_FILENO, "\n", 1);
        rl_replace_line("", 0);
        rl_on_new_line();
        rl_redisplay();
    } else {
        shallow_interrupt_flag = 1;
    }
}

static inline void shallow_install_interrupt_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = shallow_on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, NULL);
    signal(SIGPIPE, SIG_IGN);
    // A parent may have started us with SIGINT blocked (blocked signals survive exec): Ctrl-C must work anyway.
    sigset_t interrupt;
    sigemptyset(&interrupt);
    sigaddset(&interrupt, SIGINT);
    sigprocmask(SIG_UNBLOCK, &interrupt, NULL);
}

/// Returns whether Ctrl-C was pressed since the last call, and clears it.
static inline int shallow_take_interrupt(void) {
    int was = shallow_interrupt_flag;
    shallow_interrupt_flag = 0;
    return was;
}
static inline int shallow_interrupt_pending(void) { return shallow_interrupt_flag; }
static inline void shallow_set_prompt_active(int active) { shallow_prompt_active = active; }

// Readline's globals, behind functions so Swift 6 sees no shared mutable state.
static inline void shallow_readline_configure(const char *name, rl_completion_func_t *completer) {
    rl_readline_name = name;
    rl_catch_signals = 0;
    rl_attempted_completion_function = completer;
    rl_basic_word_break_characters = " \t;";
    rl_completer_quote_characters = "\"'";
    // A file name with any of these is inserted in double quotes (the command lexer's quoting), so a
    // completed path with a space is still one word when the line runs.
    rl_filename_quote_characters = " \t;#'\"";
}
static inline void shallow_completion_over(void) { rl_attempted_completion_over = 1; }
static inline void shallow_completion_no_space(void) { rl_completion_append_character = '\0'; }
static inline const char *shallow_line_buffer(void) { return rl_line_buffer; }
static inline int shallow_history_length(void) { return history_length; }
static inline const char *shallow_history_last(void) {
    HIST_ENTRY *entry = history_get(history_base + history_length - 1);
    return entry ? entry->line : NULL;
}
