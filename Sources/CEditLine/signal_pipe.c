#include "CEditLine.h"
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

// The write end of the self-pipe. Set once before any handler is installed, read only by handlers.
static volatile sig_atomic_t signal_pipe_fd = -1;
// Bumped by every handler run, so a reader can tell "no signal since I last looked" without a system call.
static volatile sig_atomic_t signals_received = 0;

static void forward_signal(int signo) {
    // Only async-signal-safe calls here: save errno, count, write one byte, restore errno.
    int saved = errno;
    signals_received = (signals_received + 1) & 0x3fffffff;  // wraps without signed overflow
    unsigned char byte = (unsigned char)signo;
    if (signal_pipe_fd >= 0) {
        ssize_t ignored = write(signal_pipe_fd, &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

int tp_signals_received(void) { return signals_received; }

int tp_install_signal_pipe(int write_fd) {
    signal_pipe_fd = write_fd;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = forward_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: a blocking read should see EINTR too
    int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH };
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        if (sigaction(signals[i], &sa, NULL) != 0) return -1;
    }
    return 0;
}

void tp_restore_default_signal(int signo) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(signo, &sa, NULL);
}
