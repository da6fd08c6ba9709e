// The ncursesw API as Swift sees it: wide-character functions enabled, and the C globals and
// macros that Swift 6 strict concurrency rejects (COLS, LINES, stdscr, COLOR_PAIR...) read
// through static inline functions.
#ifndef MUSHROOM_CNCURSES_SHIM_H
#define MUSHROOM_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>

static inline int shim_cols(void) { return COLS; }
static inline int shim_lines(void) { return LINES; }
static inline int shim_colors(void) { return COLORS; }
static inline int shim_color_pairs(void) { return COLOR_PAIRS; }
static inline WINDOW *shim_stdscr(void) { return stdscr; }
static inline int shim_color_pair(int pair) { return (int)COLOR_PAIR(pair); }
static inline int shim_getmaxy(void) { int y, x; getmaxyx(stdscr, y, x); (void)x; return y; }
static inline int shim_getmaxx(void) { int y, x; getmaxyx(stdscr, y, x); (void)y; return x; }
static inline int shim_set_escdelay(int ms) { return set_escdelay(ms); }
static inline FILE *shim_stdin(void) { return stdin; }
static inline int shim_err(void) { return ERR; }
static inline int shim_ok(void) { return OK; }
static inline int shim_key_code_yes(void) { return KEY_CODE_YES; }

static inline int shim_key_resize(void) { return KEY_RESIZE; }
static inline int shim_key_up(void) { return KEY_UP; }
static inline int shim_key_down(void) { return KEY_DOWN; }
static inline int shim_key_left(void) { return KEY_LEFT; }
static inline int shim_key_right(void) { return KEY_RIGHT; }
static inline int shim_key_home(void) { return KEY_HOME; }
static inline int shim_key_end(void) { return KEY_END; }
static inline int shim_key_ppage(void) { return KEY_PPAGE; }
static inline int shim_key_npage(void) { return KEY_NPAGE; }
static inline int shim_key_backspace(void) { return KEY_BACKSPACE; }
static inline int shim_key_dc(void) { return KEY_DC; }
static inline int shim_key_enter(void) { return KEY_ENTER; }
static inline int shim_key_btab(void) { return KEY_BTAB; }
static inline int shim_key_mouse(void) { return KEY_MOUSE; }

// The mouse: the button states the dashboard asks for, and the event curses read.
static inline unsigned long shim_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline unsigned long shim_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline unsigned long shim_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline unsigned long shim_button5_pressed(void) { return BUTTON5_PRESSED; }
/// Asks for `mask`'s events; returns the mask granted (0: no mouse).
static inline unsigned long shim_mousemask(unsigned long mask) { return (unsigned long)mousemask((mmask_t)mask, NULL); }
/// Reads the pending mouse event; returns ERR when there is none.
static inline int shim_getmouse(int *row, int *column, unsigned long *state) {
    MEVENT event;
    if (getmouse(&event) != OK) return ERR;
    *row = event.y;
    *column = event.x;
    *state = (unsigned long)event.bstate;
    return OK;
}

static inline attr_t shim_a_normal(void) { return A_NORMAL; }
static inline attr_t shim_a_bold(void) { return A_BOLD; }
static inline attr_t shim_a_reverse(void) { return A_REVERSE; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }
static inline attr_t shim_a_dim(void) { return A_DIM; }

/// Writes one wide character (and its combining marks, if any) with attributes and a colour pair.
static inline int shim_put_wide(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}

/// Whether the C library's current locale encodes text as UTF-8.
static inline int shim_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL) return 0;
    return (codeset[0] == 'U' || codeset[0] == 'u') && (codeset[1] == 'T' || codeset[1] == 't')
        && (codeset[2] == 'F' || codeset[2] == 'f');
}

// The crash guard: on a fatal signal (a Swift trap is SIGILL or SIGTRAP) while the dashboard owns
// the terminal, the handler puts the terminal back as it was before curses, says so in one
// sentence on the terminal's standard error and exits at once, instead of leaving a raw,
// alternate-screen terminal to a backtrace. The handler does only async-signal-safe work:
// tcsetattr, write and _exit.

#define SHIM_CRASH_SIGNAL_COUNT 6

/// What the guard restores and where it writes; -1: nothing saved.
struct shim_crash_state {
    struct termios termios;
    int terminal;
    int error;
    int signals[SHIM_CRASH_SIGNAL_COUNT];
    struct sigaction previous[SHIM_CRASH_SIGNAL_COUNT];
};

/// The one guard state (a function's static, so that the module that uses it holds it).
static inline struct shim_crash_state *shim_crash_state(void) {
    static struct shim_crash_state state = {
        .terminal = -1, .error = -1, .signals = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE}};
    return &state;
}

/// Saves the terminal's settings from `terminal` (call it before curses changes them) and where
/// the crash sentence goes; returns -1 when `terminal` is no terminal.
static inline int shim_crash_save(int terminal, int error) {
    struct shim_crash_state *state = shim_crash_state();
    if (tcgetattr(terminal, &state->termios) != 0) return -1;
    state->terminal = terminal;
    state->error = error;
    return 0;
}

static inline void shim_crash_write(int fd, const char *text) {
    size_t length = strlen(text);
    while (length > 0) {
        ssize_t written = write(fd, text, length);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return;
        text += written;
        length -= (size_t)written;
    }
}

/// Puts the terminal back as saved: its settings, plain attributes, the cursor shown, the keypad
/// in normal mode and the main screen. Async-signal-safe.
static inline void shim_crash_restore(void) {
    struct shim_crash_state *state = shim_crash_state();
    if (state->terminal < 0) return;
    tcsetattr(state->terminal, TCSANOW, &state->termios);
    shim_crash_write(state->terminal, "\033[0m\033[?25h\033[?1l\033>\033[?1049l");
}

static inline const char *shim_crash_signal_name(int number) {
    switch (number) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGILL: return "SIGILL";
    case SIGTRAP: return "SIGTRAP";
    case SIGABRT: return "SIGABRT";
    case SIGFPE: return "SIGFPE";
    default: return "a fatal signal";
    }
}

static inline void shim_crash_handler(int number) {
    int error = shim_crash_state()->error;
    shim_crash_restore();
    if (error >= 0) {
        shim_crash_write(error, "mushroom: the dashboard stopped on ");
        shim_crash_write(error, shim_crash_signal_name(number));
        shim_crash_write(error, " (a bug in mushroom); the terminal was restored.\n");
    }
    _exit(128 + number);
}

/// Installs the crash handler for every fatal signal (call it once curses has started).
static inline void shim_crash_install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = shim_crash_handler;
    action.sa_flags = SA_ONSTACK;
    sigfillset(&action.sa_mask);
    struct shim_crash_state *state = shim_crash_state();
    for (int i = 0; i < SHIM_CRASH_SIGNAL_COUNT; i++) sigaction(state->signals[i], &action, &state->previous[i]);
}

/// Puts back the handlers `shim_crash_install` replaced and forgets the saved terminal.
static inline void shim_crash_uninstall(void) {
    struct shim_crash_state *state = shim_crash_state();
    for (int i = 0; i < SHIM_CRASH_SIGNAL_COUNT; i++) sigaction(state->signals[i], &state->previous[i], NULL);
    state->terminal = -1;
    state->error = -1;
}

#endif
