/// Starts libFuzzer from a Swift `main`. SwiftPM renames an executable's entry point on Linux
/// (`<Target>_main`, aliased to `main` at link time), which collides with libFuzzer's own `main`;
/// calling `LLVMFuzzerRunDriver` (libFuzzer's documented API for custom mains) sidesteps that.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzCallback
) -> CInt

/// Runs libFuzzer with the process's arguments and `callback` as the target; returns its status.
public func runFuzzer(_ callback: FuzzCallback) -> CInt {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}
