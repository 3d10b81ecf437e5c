/// psql reads its command line with getopt, which takes forms swift-argument-parser does not: a value
/// attached to its letter (`-p5432`, `-vname=value`, `-F:`) and letters grouped with an option that takes a
/// value (`-qcselect 1`, `-tAc SQL`). Before the full parser sees them, such groups are spelled out one option
/// per argument (`-p 5432`, `-q -c 'select 1'`), so both parsers read every line as psql does.
enum GetoptArguments {
    static func normalize(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
                result.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                result.append(argument)
                continue
            }
            if argument.hasPrefix("--") {
                result.append(argument)
                // A long option that takes a value, written without `=`: the next argument is its value.
                let name = argument.dropFirst(2)
                if !name.contains("="), let option = QuickOption.named(long: name), case .value = option.kind,
                   index < arguments.count {
                    result.append(arguments[index])
                    index += 1
                }
                continue
            }
            let letters = Array(argument.dropFirst())
            // The letters up to the first that takes a value must all be options; the rest is that value.
            let optionLetters = letters.prefix { !isValueOption($0) } + letters.drop { !isValueOption($0) }.prefix(1)
            guard optionLetters.allSatisfy({ QuickOption.named(short: $0) != nil }) else {
                result.append(argument)  // an unknown letter: the full parser says so about the whole group
                continue
            }
            var position = 0
            while position < letters.count {
                let letter = letters[position]
                result.append("-" + String(letter))
                position += 1
                if isValueOption(letter) {
                    if position < letters.count {
                        result.append(String(letters[position...]))
                    } else if index < arguments.count {
                        result.append(arguments[index])
                        index += 1
                    }
                    break
                }
            }
        }
        return result
    }

    private static func isValueOption(_ letter: Character) -> Bool {
        guard let option = QuickOption.named(short: letter), case .value = option.kind else { return false }
        return true
    }
}
