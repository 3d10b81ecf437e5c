#if canImport(Glibc)
import Glibc
#endif
import FuzzDriver
import Scan
import ScanChecks

// libFuzzer target for the statement scanner: no crash, no hang, split-then-rejoin gives back the input.
exit(runFuzzer { data, size in
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    ScanChecks.checkRejoin(input)
    ScanChecks.checkExpansion(input)
    return 0
})
