/// `\crosstabview [colV [colH [colD [sortcolH]]]]`: runs the query buffer and shows its result pivoted, as
/// psql 15's crosstabview.c does — distinct colV values down the side and colH values across the top, both in
/// order of first appearance (colH by sortcolH's integers when given), colD in the cells.
enum CrosstabView {
    static let all: [MetaCommand] = [command]

    static let command = MetaCommand(["crosstabview"], usage: "\\crosstabview [COLUMNS]",
                                     help: "execute query and display result in crosstab", group: "Query Buffer") { ctx in
        var wanted: [String?] = []
        for _ in 0..<4 { wanted.append(ctx.argument(.normal, stripSemicolons: true)) }
        ctx.warnExtraArguments()
        let session = ctx.session
        let sql = QueryBufferCommands.textToSend(ctx)
        guard !sql.isEmpty else { return .success }
        QueryBufferCommands.echoQuery(sql, session)
        let captured = CapturedResult(session: session)
        let status = session.run(sql, capturingWith: captured)
        // A command without rows has printed its tag already, as psql prints it.
        guard status == .succeeded, captured.hadResultSet else { return .ran(sql, status) }
        let settings = session.printSettings
        switch pivot(columns: captured.columns, rows: captured.rows, arguments: wanted, nullDisplay: settings.nullDisplay) {
        case .failure(let message):
            session.diagnostics.error(message.message)
            return .ran(sql, .failed)
        case .success(let table):
            let out = session.resultOutput
            let printed = FooterTable(title: settings.title, columns: table.columns, rows: table.rows)
            printed.print(settings: settings, to: out)
            session.log?.print(printed, settings: settings)
            out.flush()
            return .ran(sql, .succeeded)
        }
    }

    /// psql's CROSSTABVIEW_MAX_COLUMNS.
    static let maximumColumns = 1600

    /// The pivoted table: its header columns (the first keeps colV's name and type, the others take colD's
    /// type for alignment) and its cells, NULLs already shown as `nullDisplay` and missing cells empty.
    static func pivot(columns: [ResultColumn], rows: [[String?]], arguments: [String?],
                      nullDisplay: String) -> Result<(columns: [ResultColumn], rows: [[String?]]), MessageError> {
        func failure(_ text: String) -> Result<(columns: [ResultColumn], rows: [[String?]]), MessageError> {
            .failure(MessageError("\\crosstabview: " + text))
        }
        guard columns.count >= 3 else { return failure("query must return at least three columns") }
        var indexes: [Int?] = []
        for argument in arguments {
            guard let argument else { indexes.append(nil); continue }
            switch columnIndex(argument, in: columns) {
            case .failure(let message): return failure(message.message)
            case .success(let index): indexes.append(index)
            }
        }
        while indexes.count < 4 { indexes.append(nil) }
        let vertical = indexes[0] ?? 0
        let horizontal = indexes[1] ?? 1
        guard vertical != horizontal else { return failure("vertical and horizontal headers must be different columns") }
        let data: Int
        if let given = indexes[2] {
            data = given
        } else {
            guard columns.count == 3 else {
                return failure("data column must be specified when query returns more than three columns")
            }
            data = (0..<3).first { $0 != vertical && $0 != horizontal }!
        }
        let sortColumn = indexes[3]

        // Distinct header values in order of first appearance; a colH value keeps the sort value it came with.
        var columnRank: [String?: Int] = [:], columnValues: [String?] = [], sortValues: [String?] = []
        var rowRank: [String?: Int] = [:], rowValues: [String?] = []
        for row in rows {
            let across = row[horizontal]
            if columnRank[across] == nil {
                columnRank[across] = columnValues.count
                columnValues.append(across)
                sortValues.append(sortColumn.flatMap { row[$0] })
                if columnValues.count > maximumColumns {
                    return failure("maximum number of columns (\(maximumColumns)) exceeded")
                }
            }
            let down = row[vertical]
            if rowRank[down] == nil {
                rowRank[down] = rowValues.count
                rowValues.append(down)
            }
        }
        if sortColumn != nil {
            // psql ranks the values in name order (NULL last), then sorts those by the integer in sortcolH
            // (0 when it is not one); equal ranks keep name order.
            let byName = columnValues.indices.sorted { nameOrder(columnValues[$0], columnValues[$1]) }
            let ranked = byName.enumerated().map { (position: $0.offset, index: $0.element) }
                .sorted { lhs, rhs in
                    let l = rank(sortValues[lhs.index]), r = rank(sortValues[rhs.index])
                    return l != r ? l < r : lhs.position < rhs.position
                }
            for (newRank, entry) in ranked.enumerated() { columnRank[columnValues[entry.index]] = newRank }
        }
        let shown = { (value: String?) in value ?? nullDisplay }
        var orderedColumns = [String?](repeating: nil, count: columnValues.count)
        for value in columnValues { orderedColumns[columnRank[value]!] = value }

        var grid = [[String?]](repeating: [String?](repeating: nil, count: columnValues.count + 1), count: rowValues.count)
        for (index, value) in rowValues.enumerated() { grid[index][0] = shown(value) }
        for row in rows {
            let r = rowRank[row[vertical]]!, c = columnRank[row[horizontal]]! + 1
            if grid[r][c] != nil {
                let named = { (value: String?) in value ?? (nullDisplay.isEmpty ? "(null)" : nullDisplay) }
                return failure("query result contains multiple data values for row \"\(named(row[vertical]))\", "
                               + "column \"\(named(row[horizontal]))\"")
            }
            grid[r][c] = shown(row[data])
        }
        let header = [ResultColumn(name: columns[vertical].name, typeOID: columns[vertical].typeOID)]
            + orderedColumns.map { ResultColumn(name: shown($0), typeOID: columns[data].typeOID) }
        return .success((header, grid.map { $0.map { $0 ?? "" } }))
    }

    /// A column given by number (1-based) or by name: quoted parts keep their case, the rest is folded to
    /// lower case (psql's dequote_downcase_identifier).
    static func columnIndex(_ argument: String, in columns: [ResultColumn]) -> Result<Int, MessageError> {
        if !argument.isEmpty, argument.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            let number = Int(argument) ?? Int.max
            guard number >= 1 && number <= columns.count else {
                return .failure(MessageError("column number \(number) is out of range 1..\(columns.count)"))
            }
            return .success(number - 1)
        }
        let name = dequoteDowncase(argument)
        let matches = columns.indices.filter { columns[$0].name == name }
        if matches.count > 1 { return .failure(MessageError("ambiguous column name: \"\(name)\"")) }
        guard let index = matches.first else { return .failure(MessageError("column name not found: \"\(name)\"")) }
        return .success(index)
    }

    static func dequoteDowncase(_ text: String) -> String {
        var result = ""
        var quoted = false
        var characters = text.makeIterator()
        var pending: Character? = characters.next()
        while let character = pending {
            pending = characters.next()
            if character == "\"" {
                if quoted && pending == "\"" {
                    result.append("\"")
                    pending = characters.next()
                } else {
                    quoted.toggle()
                }
            } else if !quoted && character.isASCII {
                result += character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// strcmp order on the bytes, NULL after every value.
    private static func nameOrder(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, _): return false
        case (_, nil): return true
        case let (a?, b?): return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
        }
    }

    /// sortcolH's value as psql reads it: an optionally negative run of digits, else 0.
    private static func rank(_ value: String?) -> Int {
        guard let value, !value.isEmpty else { return 0 }
        let digits = value.hasPrefix("-") ? value.dropFirst() : Substring(value)
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return 0 }
        return Int(value) ?? 0
    }
}
