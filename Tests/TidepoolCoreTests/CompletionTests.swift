import Testing
@testable import TidepoolCore

/// The two pure stages of completion: what fits at the cursor, and which names of a snapshot are offered.
@Suite struct CompletionTests {
    private var snapshot: CatalogSnapshot {
        var s = CatalogSnapshot()
        s.relations = [
            .init(schema: "public", name: "people", kind: "r", visible: true),
            .init(schema: "public", name: "person_view", kind: "v", visible: true),
            .init(schema: "public", name: "MixedCase", kind: "r", visible: true),
            .init(schema: "public", name: "people_id_idx", kind: "i", visible: true),
            .init(schema: "sales", name: "orders", kind: "r", visible: false),
            .init(schema: "pg_catalog", name: "pg_class", kind: "r", visible: true),
        ]
        s.columns = ["public.people": ["id", "name", "nationality"], "sales.orders": ["id", "total"]]
        s.schemas = ["public", "sales", "pg_catalog"]
        s.functions = ["now", "nameeq", "lower"]
        s.types = ["int4", "text", "timestamptz"]
        s.databases = ["postgres", "shop"]
        s.roles = ["alice", "postgres"]
        return s
    }

    private func complete(_ before: String, _ after: String = "", variables: [String] = ["DBNAME", "myvar"])
        -> CompletionAction {
        Completion.complete(before: before, after: after,
                            sources: CompletionSources(snapshot: snapshot, variableNames: variables,
                                                       metaCommandNames: ["d", "dt", "i", "include", "pool"],
                                                       listDirectory: { _ in [("alpha.sql", false), ("alpine", true), (".hidden", false)] }))
    }

    @Test func tableAfterFrom() {
        #expect(complete("select * from peo") == .replace(word: "peo", with: "people "))
        #expect(complete("select * from people p join pers") == .replace(word: "pers", with: "person_view "))
        #expect(complete("update peopl") == .replace(word: "peopl", with: "people "))
        #expect(complete("select * from people, pers") == .replace(word: "pers", with: "person_view "))
    }

    @Test func severalTablesAreListed() {
        #expect(complete("select * from pe") == .list(["people", "person_view"]))
    }

    @Test func commonPrefixIsInsertedBeforeListing() {
        #expect(complete("select * from peo") == .replace(word: "peo", with: "people "))
        #expect(complete("table peo") == .replace(word: "peo", with: "people "))
        #expect(complete("table p") == .list(["people", "person_view", "public."]))
    }

    @Test func columnsOfTheTablesInTheStatementEvenAfterTheCursor() {
        #expect(complete("select na", " from people") == .list(["name", "nationality"]))
        #expect(complete("select nat", " from people") == .replace(word: "nat", with: "nationality "))
        #expect(complete("select * from people where nat") == .replace(word: "nat", with: "nationality "))
        #expect(complete("select p.nat", " from people p") == .replace(word: "p.nat", with: "p.nationality "))
        #expect(complete("select o.tot", " from sales.orders o") == .replace(word: "o.tot", with: "o.total "))
    }

    @Test func schemaQualifiedRelations() {
        #expect(complete("select * from sales.or") == .replace(word: "sales.or", with: "sales.orders "))
        #expect(complete("select * from sal") == .replace(word: "sal", with: "sales."))
    }

    @Test func quotingForMixedCaseAndReservedNames() {
        #expect(complete("select * from mi") == .replace(word: "mi", with: "\"MixedCase\" "))
        #expect(complete("select * from \"Mi") == .replace(word: "\"Mi", with: "\"MixedCase\" "))
        #expect(Completion.quoteIdentifierIfNeeded("people") == "people")
        #expect(Completion.quoteIdentifierIfNeeded("user") == "\"user\"")
        #expect(Completion.quoteIdentifierIfNeeded("my table") == "\"my table\"")
        #expect(Completion.quoteIdentifierIfNeeded("a\"b") == "\"a\"\"b\"")
        #expect(Completion.quoteIdentifierIfNeeded("1abc") == "\"1abc\"")
    }

    @Test func systemRelationsOnlyWhenAskedFor() {
        guard case .list(let all) = complete("select * from ") else { Issue.record("expected a list"); return }
        #expect(!all.contains("pg_class"))
        #expect(complete("select * from pg_cl") == .replace(word: "pg_cl", with: "pg_class "))
    }

    @Test func keywordsInTheCaseBeingTyped() {
        #expect(complete("sel") == .replace(word: "sel", with: "select "))
        #expect(complete("SEL") == .replace(word: "SEL", with: "SELECT "))
        #expect(complete("select * from people wher") == .replace(word: "wher", with: "where "))
        #expect(complete("select 1; upd") == .replace(word: "upd", with: "update "))
    }

    @Test func otherKinds() {
        #expect(complete("select 1::timest") == .replace(word: "timest", with: "timestamptz "))
        #expect(complete("alter table people owner to ali") == .replace(word: "ali", with: "alice "))
        #expect(complete("create database x; drop database sh") == .replace(word: "sh", with: "shop "))
        #expect(complete("select low") == .replace(word: "low", with: "lower("))
        #expect(complete("drop schema sa") == .replace(word: "sa", with: "sales "))
    }

    @Test func metaCommandsAndTheirArguments() {
        #expect(complete("\\po") == .replace(word: "\\po", with: "\\pool "))
        #expect(complete("\\d peop") == .replace(word: "peop", with: "people"))
        #expect(complete("\\dt peo") == .replace(word: "peo", with: "people "))
        #expect(complete("\\i al") == .replace(word: "al", with: "alp"))
        #expect(complete("\\i ") == .replace(word: "", with: "alp"))
        #expect(complete("\\i alpi") == .replace(word: "alpi", with: "alpine/"))
        #expect(complete("\\c sh") == .replace(word: "sh", with: "shop "))
        #expect(complete("\\x a") == .replace(word: "a", with: "auto "))
    }

    @Test func variables() {
        #expect(complete("select :my") == .replace(word: ":my", with: ":myvar "))
        #expect(complete("select :'my") == .replace(word: ":'my", with: ":'myvar' "))
        #expect(complete("\\unset my") == .replace(word: "my", with: "myvar "))
    }

    @Test func contextIsPure() {
        let request = CompletionContext.analyze(before: "select a.", after: " from people a join sales.orders o")
        #expect(request.word == "a.")
        #expect(request.kinds == [.qualified("a", tables: [TableReference(name: "people", alias: "a"),
                                                          TableReference(schema: "sales", name: "orders", alias: "o")])])
        #expect(CompletionContext.analyze(before: "", after: "").kinds == [.keywords(CompletionKeywords.statementStart)])
    }

    @Test func listingFillsColumnsDownwards() {
        let text = CompletionListing.columns(["a", "b", "c", "d", "e"], width: 9)
        #expect(text == "a  c  e\nb  d\n")
    }

    @Test func ddlTagsRefreshTheCatalog() {
        #expect(SchemaChange.mayChangeCatalog(commandTag: "CREATE TABLE"))
        #expect(SchemaChange.mayChangeCatalog(commandTag: "DROP VIEW"))
        #expect(SchemaChange.mayChangeCatalog(commandTag: "COMMIT"))
        #expect(!SchemaChange.mayChangeCatalog(commandTag: "SELECT 3"))
        #expect(!SchemaChange.mayChangeCatalog(commandTag: "INSERT 0 1"))
    }
}
