import Glibc

/// posix_spawn attributes every child of tidepool gets (the throwaway server's tools, `\!`, pipes, the pager,
/// the editor): no blocked signals and every disposition back to its default, so tidepool's own handlers and
/// ignored SIGPIPE never leak into them; optionally a session of their own (the server's watchdog).
func withChildSpawnAttributes<R>(newSession: Bool = false, _ body: (inout posix_spawnattr_t) -> R) -> R {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    var flags = Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)
    if newSession { flags |= 0x80 }  // POSIX_SPAWN_SETSID (glibc), not imported into Swift
    posix_spawnattr_setflags(&attributes, Int16(flags))
    return body(&attributes)
}
