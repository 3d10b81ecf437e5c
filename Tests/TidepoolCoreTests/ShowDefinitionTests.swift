import Testing
@testable import TidepoolCore

/// The pieces of \sf and \sv that do not need a server (the differential script show_definitions.sql runs the
/// commands against psql): identifier quoting, text arrays, view assembly and line numbers.
@Suite struct ShowDefinitionTests {
    @Test func identifiersAreQuotedAsPsqlQuotesThem() {
        #expect(SQLIdentifier.quoted("plain_name1") == "plain_name1")
        #expect(SQLIdentifier.quoted("Odd View") == "\"Odd View\"")
        #expect(SQLIdentifier.quoted("select") == "\"select\"")      // reserved
        #expect(SQLIdentifier.quoted("integer") == "\"integer\"")    // column-name keyword
        #expect(SQLIdentifier.quoted("name") == "name")              // unreserved keyword
        #expect(SQLIdentifier.quoted("1abc") == "\"1abc\"")
        #expect(SQLIdentifier.quoted("a$b") == "\"a$b\"")
        #expect(SQLIdentifier.quoted("é") == "\"é\"")
        #expect(SQLIdentifier.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(SQLIdentifier.quoted("") == "\"\"")
    }

    @Test func textArraysSplitOnUnquotedCommas() {
        #expect(TextArray.elements("{}") == [])
        #expect(TextArray.elements("{a=1,b=2}") == ["a=1", "b=2"])
        #expect(TextArray.elements("{\"a=x, y\",\"b=\\\"q\\\"\"}") == ["a=x, y", "b=\"q\""])
        #expect(TextArray.elements("{\"\"}") == [""])
        #expect(TextArray.elements("a,b") == nil)
        #expect(TextArray.elements("{\"open}") == nil)
    }

    @Test func viewDefinitionIsAssembledAsPsqlAssemblesIt() throws {
        let row: [String?] = ["s", "My View", "v", " SELECT 1 AS x;", "{security_barrier=true,fillfactor=70}", "LOCAL"]
        let text = try ShowDefinitionCommands.viewDefinition(row).get()
        #expect(text == "CREATE OR REPLACE VIEW s.\"My View\"\n WITH (security_barrier='true', fillfactor='70') AS\n SELECT 1 AS x\n WITH LOCAL CHECK OPTION")
        let table: [String?] = ["s", "t", "r", nil, nil, nil]
        #expect(throws: MessageError.self) { try ShowDefinitionCommands.viewDefinition(table).get() }
    }

    @Test func lineNumbersStartAtTheFunctionBody() {
        let function = "CREATE FUNCTION f()\n RETURNS int\nAS $$\nselect 1\n$$\n"
        #expect(ShowDefinitionCommands.numbered(function, function: true)
                == "        CREATE FUNCTION f()\n         RETURNS int\n1       AS $$\n2       select 1\n3       $$\n")
        #expect(ShowDefinitionCommands.numbered("CREATE VIEW v AS\n SELECT 1\n", function: false)
                == "1       CREATE VIEW v AS\n2        SELECT 1\n")
        let long = (1...12).map { "line \($0)" }.joined(separator: "\n") + "\n"
        #expect(ShowDefinitionCommands.numbered(long, function: false).contains("\n10      line 10\n"))
    }
}
