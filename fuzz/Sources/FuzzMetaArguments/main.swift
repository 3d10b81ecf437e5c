#if canImport(Glibc)
import Glibc
#endif
import FuzzDriver
import Scan
import ScanChecks

// libFuzzer target for meta-command arguments: MetaArguments parses the raw bytes in every mode, then
// the same bytes go through the scanner as a backslash command and its argument extent is parsed again.
exit(runFuzzer { data, size in
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    ScanChecks.checkMetaArguments(input)
    let (events, _) = ScanChecks.scan([UInt8(ascii: "\\")] + input, variables: ScanChecks.variables)
    for case .metaCommand(_, let arguments) in events {
        ScanChecks.checkMetaArguments(arguments)
    }
    return 0
})
