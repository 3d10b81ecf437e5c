import Foundation
import Testing
@testable import TidepoolCore

/// History: one entry per statement, HISTCONTROL, HISTSIZE, no passwords, an atomic 0600 file.
@Suite struct HistoryStoreTests {
    private func scratchPath() -> String {
        NSTemporaryDirectory() + "tidepool-history-\(UUID().uuidString)"
    }

    @Test func passwordsNeverGetIn() {
        let store = HistoryStore(path: nil)
        #expect(!store.add("\\password alice"))
        #expect(!store.add("alter role alice password 'secret';"))
        #expect(!store.add("CREATE USER bob WITH ENCRYPTED PASSWORD\n  'x';"))
        #expect(!store.add("alter role a password $$x$$;"))
        #expect(store.add("select password from accounts;"))
        #expect(store.entries == ["select password from accounts;"])
    }

    @Test func histcontrol() {
        let store = HistoryStore(path: nil, control: "ignoreboth")
        #expect(store.add("select 1;"))
        #expect(!store.add("select 1;"))
        #expect(!store.add(" select 2;"))
        store.control = "ignoredups"
        #expect(store.add(" select 2;"))
        store.control = ""
        #expect(store.add(" select 2;"))
        #expect(store.entries.count == 3)
    }

    @Test func histsizeKeepsTheNewest() {
        let store = HistoryStore(path: nil, limit: 2)
        for i in 1...5 { store.add("select \(i);") }
        #expect(store.entries == ["select 4;", "select 5;"])
    }

    @Test func multiLineEntriesSurviveARoundTripInA0600File() throws {
        let path = scratchPath()
        defer { unlink(path) }
        let store = HistoryStore(path: path)
        store.add("select\n  1 as \"back\\slash\";")
        store.add("select 2;")
        store.save()
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let reloaded = HistoryStore(path: path)
        #expect(reloaded.entries == ["select\n  1 as \"back\\slash\";", "select 2;"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2)
    }

    @Test func anExistingFileIsReplacedAndTightened() throws {
        let path = scratchPath()
        defer { unlink(path) }
        FileManager.default.createFile(atPath: path, contents: Data("old\n".utf8), attributes: [.posixPermissions: 0o644])
        let store = HistoryStore(path: path)
        store.add("new;")
        store.save()
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(HistoryStore(path: path).entries == ["old", "new;"])
    }
}
