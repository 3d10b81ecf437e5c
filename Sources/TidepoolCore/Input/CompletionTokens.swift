/// A rough SQL tokenizer for completion: words (identifiers and keywords, with dots and double-quoted parts
/// kept together, so `public."Odd Name"` is one token), `::`, and single punctuation characters. String
/// literals, dollar-quoted bodies and comments are skipped. It never fails: completion must work on any text.
enum SQLWordTokens {
    static func tokens(_ text: String) -> [String] {
        let chars = Array(text)
        var tokens: [String] = []
        var i = 0
        func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "$" }
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c == "-", i + 1 < chars.count, chars[i + 1] == "-" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            }
            if c == "/", i + 1 < chars.count, chars[i + 1] == "*" {
                var depth = 0
                while i < chars.count {
                    if chars[i] == "/", i + 1 < chars.count, chars[i + 1] == "*" { depth += 1; i += 2; continue }
                    if chars[i] == "*", i + 1 < chars.count, chars[i + 1] == "/" {
                        depth -= 1; i += 2
                        if depth == 0 { break }
                        continue
                    }
                    i += 1
                }
                continue
            }
            if c == "'" {
                i += 1
                while i < chars.count {
                    if chars[i] == "'" {
                        if i + 1 < chars.count, chars[i + 1] == "'" { i += 2; continue }
                        break
                    }
                    i += 1
                }
                i += 1
                tokens.append("''")
                continue
            }
            if c == "$", let tagEnd = dollarTagEnd(chars, from: i) {
                let tag = chars[i...tagEnd]
                var j = tagEnd + 1
                while j < chars.count {
                    if chars[j] == "$", j + tag.count <= chars.count, chars[j..<(j + tag.count)].elementsEqual(tag) {
                        j += tag.count
                        break
                    }
                    j += 1
                }
                i = j
                tokens.append("''")
                continue
            }
            if c == ":", i + 1 < chars.count, chars[i + 1] == ":" {
                tokens.append("::")
                i += 2
                continue
            }
            if isWordCharacter(c) || c == "\"" {
                var word = ""
                while i < chars.count {
                    let d = chars[i]
                    if d == "\"" {
                        word.append(d)
                        i += 1
                        while i < chars.count, chars[i] != "\"" { word.append(chars[i]); i += 1 }
                        if i < chars.count { word.append("\""); i += 1 }
                    } else if isWordCharacter(d) || d == "." {
                        word.append(d)
                        i += 1
                    } else {
                        break
                    }
                }
                tokens.append(word)
                continue
            }
            tokens.append(String(c))
            i += 1
        }
        return tokens
    }

    /// `$tag$` or `$$` starting at `start`: the index of the closing `$` of the tag.
    private static func dollarTagEnd(_ chars: [Character], from start: Int) -> Int? {
        var j = start + 1
        while j < chars.count, chars[j].isLetter || chars[j] == "_" || (j > start + 1 && chars[j].isNumber) { j += 1 }
        return j < chars.count && chars[j] == "$" ? j : nil
    }
}
