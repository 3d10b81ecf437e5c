import Glibc

/// File names for `\i`, `\o`, `\e`, `\s` …: the directory part of the word is listed, `~/` is the home
/// directory, hidden files show only when the word's last part starts with a dot.
public enum FileCompletion {
    static func candidates(word: String, list: (String) -> [(String, Bool)]?) -> [CompletionCandidate] {
        let slash = word.lastIndex(of: "/")
        let directoryPart = slash.map { String(word[...$0]) } ?? ""
        let namePart = slash.map { String(word[word.index(after: $0)...]) } ?? word
        var directory = directoryPart.isEmpty ? "." : directoryPart
        if directory.hasPrefix("~/"), let home = getenv("HOME") {
            directory = String(cString: home) + directory.dropFirst()
        }
        guard let entries = list(directory) else { return [] }
        return entries
            .filter { $0.0.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.0.hasPrefix(".")) }
            .map { name, isDirectory in
                CompletionCandidate(directoryPart + name + (isDirectory ? "/" : ""), terminator: isDirectory ? "" : " ")
            }
    }

    /// Entries of a directory with whether each is a directory (following symbolic links).
    public static func list(_ directory: String) -> [(String, Bool)]? {
        guard let names = DirectoryListing.names(in: directory) else { return nil }
        return names.map { name in
            var info = stat()
            let isDirectory = stat(directory + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            return (name, isDirectory)
        }
    }
}
