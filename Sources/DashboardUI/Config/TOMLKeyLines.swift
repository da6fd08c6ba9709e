/// The line of every key and table header of a TOML document, which TOMLKit does not give.
/// A small scanner of the document's structure (tables, keys, strings, arrays, inline tables):
/// a key is known by its full path, so `url` under `[servers.prod]` is never confused with a
/// `url` elsewhere, and text inside strings is never taken for a key. Run it only on a document
/// TOMLKit parsed.
struct TOMLKeyLines {
    private var lines: [[String]: Int] = [:]
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1

    /// The lines of `text`'s keys.
    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        scanDocument()
    }

    /// The line of `path`, or of the nearest enclosing key or table that has one.
    func line(of path: [String]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = lines[path] { return line }
            path.removeLast()
        }
        return nil
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func peek(_ offset: Int) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }

    private mutating func advance() {
        if current == "\n" { line += 1 }
        index += 1
    }

    private mutating func record(_ path: [String], at line: Int) {
        if lines[path] == nil { lines[path] = line }
    }

    private mutating func scanDocument() {
        var table: [String] = []
        while true {
            skipBlank(newlines: true)
            guard let scalar = current else { return }
            let start = line
            if scalar == "[" {
                let isArray = peek(1) == "["
                advance()
                if isArray { advance() }
                table = keyPath()
                record(table, at: start)
                while let next = current, next != "\n" { advance() }
            } else {
                let key = keyPath()
                guard !key.isEmpty else {
                    advance()  // not a key: cannot happen in a document TOMLKit parsed
                    continue
                }
                record(table + key, at: start)
                if current == "=" { advance() }
                skipBlank(newlines: false)
                value(at: table + key)
            }
        }
    }

    /// Skips spaces, tabs, comments and, if `newlines`, line ends.
    private mutating func skipBlank(newlines: Bool) {
        while let scalar = current {
            if scalar == " " || scalar == "\t" || scalar == "\r" || (newlines && scalar == "\n") {
                advance()
            } else if scalar == "#" {
                while let next = current, next != "\n" { advance() }
            } else {
                return
            }
        }
    }

    /// A dotted key: bare, "basic" or 'literal' parts.
    private mutating func keyPath() -> [String] {
        var parts: [String] = []
        while true {
            skipBlank(newlines: false)
            guard let scalar = current else { return parts }
            if scalar == "\"" || scalar == "'" {
                parts.append(quoted(scalar))
            } else {
                var part = ""
                while let next = current, next.properties.isAlphabetic || ("0"..."9").contains(next) || next == "_" || next == "-" {
                    part.unicodeScalars.append(next)
                    advance()
                }
                if part.isEmpty { return parts }
                parts.append(part)
            }
            skipBlank(newlines: false)
            guard current == "." else { return parts }
            advance()
        }
    }

    /// A one-line string opened by `quote`, unescaped for the common escapes.
    private mutating func quoted(_ quote: Unicode.Scalar) -> String {
        advance()
        var text = ""
        while let scalar = current, scalar != quote, scalar != "\n" {
            if quote == "\"", scalar == "\\", let escaped = peek(1) {
                advance()
                text.unicodeScalars.append(escaped == "n" ? "\n" : escaped == "t" ? "\t" : escaped)
            } else {
                text.unicodeScalars.append(scalar)
            }
            advance()
        }
        advance()
        return text
    }

    /// Skips a value, recording the keys of inline tables under `path`.
    private mutating func value(at path: [String]) {
        guard let scalar = current else { return }
        switch scalar {
        case "\"", "'":
            if peek(1) == scalar, peek(2) == scalar {
                skipMultilineString(scalar)
            } else {
                _ = quoted(scalar)
            }
        case "[":
            advance()
            while true {
                skipBlank(newlines: true)
                guard let next = current else { return }
                if next == "]" { return advance() }
                if next == "," {
                    advance()
                    continue
                }
                value(at: path)
            }
        case "{":
            advance()
            while true {
                skipBlank(newlines: false)
                guard let next = current else { return }
                if next == "}" { return advance() }
                if next == "," {
                    advance()
                    continue
                }
                let start = line
                let key = keyPath()
                guard !key.isEmpty else { return advance() }
                record(path + key, at: start)
                if current == "=" { advance() }
                skipBlank(newlines: false)
                value(at: path + key)
            }
        default:
            while let next = current, !",]}\n#".unicodeScalars.contains(next) { advance() }
        }
    }

    private mutating func skipMultilineString(_ quote: Unicode.Scalar) {
        for _ in 0..<3 { advance() }
        while let scalar = current {
            if quote == "\"", scalar == "\\" {
                advance()
                advance()
                continue
            }
            if scalar == quote, peek(1) == quote, peek(2) == quote {
                for _ in 0..<3 { advance() }
                // A closing run may hold up to two more quotes, which belong to the string.
                while current == quote { advance() }
                return
            }
            advance()
        }
    }
}
