import Testing
@testable import TidepoolCore

@Suite("Variables: psql's special variables and hooks")
struct VariableTests {
    @Test("psql 15's defaults are present before anything is set")
    func defaults() {
        let v = Variables()
        #expect(v["ECHO"] == "none")
        #expect(v["FETCH_COUNT"] == "0")
        #expect(v["ON_ERROR_STOP"] == "off")
        #expect(v["HISTSIZE"] == "500")
        #expect(v["AUTO_ROLLBACK"] == "block")
        #expect(v["nope"] == nil)
    }

    @Test("an empty value turns a boolean on; unsetting turns it off")
    func booleans() {
        var v = Variables()
        #expect(v.set("ON_ERROR_STOP", "") == nil)
        #expect(v["ON_ERROR_STOP"] == "on")
        #expect(v.bool("ON_ERROR_STOP"))
        v.unset("ON_ERROR_STOP")
        #expect(v["ON_ERROR_STOP"] == "off")
        v.unset("AUTOCOMMIT")
        #expect(v["AUTOCOMMIT"] == "off")
    }

    @Test("bad values are refused with psql's message and the old value stays")
    func refusals() {
        var v = Variables()
        #expect(v.set("QUIET", "maybe") == "unrecognized value \"maybe\" for \"QUIET\": Boolean expected")
        #expect(v["QUIET"] == "off")
        #expect(v.set("FETCH_COUNT", "10x") == "invalid value \"10x\" for \"FETCH_COUNT\": integer expected")
        #expect(v.set("FETCH_COUNT", "") == "invalid value \"\" for \"FETCH_COUNT\": integer expected")
        #expect(v["FETCH_COUNT"] == "0")
        #expect(v.set("ECHO", "bogus") == "unrecognized value \"bogus\" for \"ECHO\"\nAvailable values are: none, errors, queries, all.")
        #expect(v.set("AUTO_ROLLBACK", "sometimes")
            == "unrecognized value \"sometimes\" for \"AUTO_ROLLBACK\"\nAvailable values are: block, statement, off.")
        #expect(v.set("a-b", "x") == "invalid variable name: \"a-b\"")
    }

    @Test("enumerations compare case-insensitively and accept booleans where psql does")
    func enumerations() {
        var v = Variables()
        #expect(v.set("COMP_KEYWORD_CASE", "Upper") == nil)
        #expect(v["COMP_KEYWORD_CASE"] == "Upper")
        #expect(v.set("ECHO_HIDDEN", "") == nil)
        #expect(v["ECHO_HIDDEN"] == "on")
        #expect(v.set("ECHO_HIDDEN", "noexec") == nil)
        #expect(v.set("ON_ERROR_ROLLBACK", "interactive") == nil)
        #expect(v.set("AUTO_ROLLBACK", "statement") == nil)
        v.unset("ECHO")
        #expect(v["ECHO"] == "none")
        v.unset("AUTO_ROLLBACK")
        #expect(v["AUTO_ROLLBACK"] == "off")
    }

    @Test("IGNOREEOF takes anything that is not a number as 10, as psql does")
    func ignoreEOF() {
        var v = Variables()
        v.set("IGNOREEOF", "many")
        #expect(v["IGNOREEOF"] == "10")
        v.set("IGNOREEOF", "3")
        #expect(v["IGNOREEOF"] == "3")
    }

    @Test("ordinary variables are stored and removed as given; invalid names are silently not unset")
    func ordinary() {
        var v = Variables()
        #expect(v.set("1abc", "x") == nil)
        #expect(v.set("ünï", "y") == nil)
        #expect(v["1abc"] == "x")
        v.unset("1abc")
        #expect(v["1abc"] == nil)
        #expect(v.unset("a-b") == nil)
    }

    @Test("psql's boolean and integer parsing", arguments: [
        ("t", true), ("TRUE", true), ("y", true), ("on", true), ("1", true),
        ("f", false), ("no", false), ("of", false), ("off", false), ("0", false),
    ])
    func parsing(_ text: String, _ expected: Bool) {
        #expect(Variables.parseBoolean(text) == expected)
    }

    @Test("strings that are not booleans or integers")
    func notParsed() {
        #expect(Variables.parseBoolean("o") == nil)
        #expect(Variables.parseBoolean("") == nil)
        #expect(Variables.parseBoolean("2") == nil)
        #expect(Variables.parseInteger("12") == 12)
        #expect(Variables.parseInteger("-3") == -3)
        #expect(Variables.parseInteger("1e3") == nil)
        #expect(Variables.parseInteger("99999999999") == nil)
    }

    @Test("\\gset refuses exactly the variables with hooks")
    func hooks() {
        #expect(Variables.hasHook("QUIET"))
        #expect(Variables.hasHook("FETCH_COUNT"))
        #expect(Variables.hasHook("PROMPT1"))
        #expect(!Variables.hasHook("DBNAME"))
        #expect(!Variables.hasHook("my_var"))
    }
}
