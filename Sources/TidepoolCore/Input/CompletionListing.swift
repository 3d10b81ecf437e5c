/// Several completion candidates as readline lists them: sorted down the columns, as many columns as the
/// terminal holds, each as wide as the longest name plus two spaces.
public enum CompletionListing {
    public static func columns(_ names: [String], width: Int) -> String {
        guard !names.isEmpty else { return "" }
        let widths = names.map { $0.unicodeScalars.reduce(0) { $0 + max(0, DisplayWidth.of($1.value)) } }
        let cell = (widths.max() ?? 0) + 2
        let columnCount = max(1, width / cell)
        let rowCount = (names.count + columnCount - 1) / columnCount
        var text = ""
        for row in 0..<rowCount {
            var line = ""
            for column in 0..<columnCount {
                let index = column * rowCount + row
                guard index < names.count else { break }
                line += names[index]
                if (column + 1) * rowCount + row < names.count {
                    line += String(repeating: " ", count: cell - widths[index])
                }
            }
            text += line + "\n"
        }
        return text
    }
}
