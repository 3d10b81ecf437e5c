import Testing
@testable import TidepoolCore

@Suite("\\watch arguments and header")
struct MetaCommandWatchTests {
    @Test("psql 15's bare seconds, tidepool's i= and c=")
    func parse() throws {
        #expect(try WatchCommand.parse([]).get() == .init(interval: 2, count: nil))
        #expect(try WatchCommand.parse(["0.5"]).get() == .init(interval: 0.5, count: nil))
        // psql 15 reads the number with strtod and takes what is not positive as one second.
        #expect(try WatchCommand.parse(["bogus"]).get() == .init(interval: 1, count: nil))
        #expect(try WatchCommand.parse(["-3"]).get() == .init(interval: 1, count: nil))
        #expect(try WatchCommand.parse(["i=0.1", "c=3"]).get() == .init(interval: 0.1, count: 3))
        #expect(throws: MessageError.self) { try WatchCommand.parse(["c=0"]).get() }
        #expect(throws: MessageError.self) { try WatchCommand.parse(["i=x"]).get() }
    }

    @Test("the interval prints as printf's %g")
    func formatting() {
        #expect(WatchCommand.formatG(2) == "2")
        #expect(WatchCommand.formatG(0.1) == "0.1")
        #expect(WatchCommand.formatG(1.5) == "1.5")
    }

    @Test("\\connect recognises connection strings as psql does")
    func connectionStrings() {
        #expect(ConnectCommands.isConnectionString("dbname=x host=y"))
        #expect(ConnectCommands.isConnectionString("postgresql://u@h/db"))
        #expect(!ConnectCommands.isConnectionString("mydb"))
    }
}
