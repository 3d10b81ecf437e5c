// Gives the Swift runtime the process's arguments without reading /proc/self/maps.
//
// Swift's CommandLine asks the runtime hook _swift_stdlib_getUnsafeArgvArgc for argc/argv. On Linux the
// static runtime answers it from a C++ static initializer (CommandLine.cpp) that runs on every start,
// fopen()s /proc/self/maps and sscanf()s every line to find the stack, then walks back from `environ` to
// argv. With libpq's dependencies loaded that is about 170 mappings: 0.15-0.3 ms of a 7 ms `-c` run
// (perf: mangle_path, show_map_vma, __vfscanf_internal), more than anything else tidepool does itself.
//
// glibc calls the executable's .init_array functions with (argc, argv, envp), so the arguments can be
// taken there for nothing. Defining both hooks that CommandLine.cpp.o provides means the linker never
// pulls that archive member, and its initializer never runs. If the runtime's member were linked anyway,
// the duplicate definitions would fail the link rather than pass silently. With the dynamic runtime
// (debug builds) the runtime library keeps its own hook and this one is simply unused.
//
// Both hooks use the Swift calling convention, as the runtime declares them (SWIFT_CC(swift)).
#include "CProcessArguments.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char **captured_argv;
static int captured_argc;
static char **override_argv;
static int override_argc;

static void capture_arguments(int argc, char **argv, char **envp) {
    (void)envp;
    captured_argc = argc;
    captured_argv = argv;
}

__attribute__((used, section(".init_array")))
static void (*const capture_arguments_at_start)(int, char **, char **) = capture_arguments;

// Only for a C library that does not pass the arguments to .init_array functions: /proc/self/cmdline,
// read once (CommandLine reads the hook once and keeps the answer).
static void read_arguments_from_proc(void) {
    FILE *file = fopen("/proc/self/cmdline", "rb");
    if (!file) return;
    char *text = NULL;
    size_t length = 0, capacity = 0;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, file)) > 0) {
        if (length + n + 1 > capacity) {
            capacity = (length + n + 1) * 2;
            char *grown = realloc(text, capacity);
            if (!grown) { free(text); fclose(file); return; }
            text = grown;
        }
        memcpy(text + length, chunk, n);
        length += n;
    }
    fclose(file);
    if (!text) return;
    text[length] = '\0';
    int count = 0;
    for (size_t i = 0; i < length; i++) if (text[i] == '\0') count++;
    char **argv = calloc((size_t)count + 1, sizeof *argv);
    if (!argv) { free(text); return; }
    size_t start = 0;
    for (int i = 0; i < count; i++) {
        argv[i] = text + start;
        start += strlen(text + start) + 1;
    }
    captured_argv = argv;
    captured_argc = count;
}

__attribute__((swiftcall)) char **_swift_stdlib_getUnsafeArgvArgc(int *outArgLen) {
    if (override_argv) {
        *outArgLen = override_argc;
        return override_argv;
    }
    if (!captured_argv) read_arguments_from_proc();
    if (!captured_argv) {
        static char *empty[] = { NULL };
        *outArgLen = 0;
        return empty;
    }
    *outArgLen = captured_argc;
    return captured_argv;
}

__attribute__((swiftcall)) void _swift_stdlib_overrideUnsafeArgvArgc(char **argv, int argc) {
    override_argv = argv;
    override_argc = argc;
}
