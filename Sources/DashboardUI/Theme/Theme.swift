import TOMLKit

/// A colour theme: a style for every `Role`, read from a TOML file such as `themes/dark.toml`:
///
/// ```toml
/// name = "dark"
/// [roles.title]
/// color = 214            # 256-colour foreground, or "default"
/// basic = "yellow"       # 8-colour fallback
/// attributes = ["bold"]  # with colour
/// mono = ["bold"]        # without colour
/// ```
///
/// Every role must be given; `background` and `basic-background` are optional.
public struct Theme: Sendable, Hashable {
    /// The theme's name.
    public let name: String
    private let styles: [Role: RoleStyle]

    /// A theme from styles; roles left out use the terminal's default look.
    public init(name: String, styles: [Role: RoleStyle]) {
        self.name = name
        self.styles = styles
    }

    /// The style of `role`.
    public func style(of role: Role) -> RoleStyle {
        styles[role] ?? RoleStyle()
    }

    /// The built-in theme `name` ("dark", "light", "high-contrast", "mono").
    public static func builtIn(named name: String) throws(ThemeError) -> Theme {
        guard let text = BuiltInThemes.sources[name] else {
            throw ThemeError(
                path: name, key: nil,
                message: "no such theme; the built-in themes are \(BuiltInThemes.names.joined(separator: ", ")), or give a file path")
        }
        return try Theme(toml: text, path: "<built-in \(name)>")
    }

    /// The theme a `--theme` option names: a built-in name, or the path of a file (anything with a
    /// "/" or ending in ".toml").
    public static func named(_ nameOrPath: String) throws(ThemeError) -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") {
            return try load(path: nameOrPath)
        }
        return try builtIn(named: nameOrPath)
    }

    /// Reads a theme file (see `SmallTextFile`).
    public static func load(path: String) throws(ThemeError) -> Theme {
        let text: String
        do {
            text = try SmallTextFile.contents(of: path, noun: "a theme file")
        } catch {
            throw ThemeError(path: path, key: nil, message: error.reason)
        }
        return try Theme(toml: text, path: path)
    }

    /// Parses theme text; `path` names it in errors.
    public init(toml text: String, path: String) throws(ThemeError) {
        let table: TOMLTable
        do {
            table = try TOMLText.table(text)
        } catch {
            let place = error.line.map { line in " at line \(line), column \(error.column ?? 1)" } ?? ""
            throw ThemeError(path: path, key: nil, message: "not valid TOML: \(error.reason)\(place)")
        }
        try self.init(table: table, path: path)
    }

    private init(table: TOMLTable, path: String) throws(ThemeError) {
        func fail(_ key: String, _ message: String) -> ThemeError { ThemeError(path: path, key: key, message: message) }
        for key in table.keys where !["name", "roles"].contains(key) {
            throw fail(key, "unknown key; a theme has name and roles")
        }
        guard let name = table["name"]?.string else { throw fail("name", "missing, or not a string") }
        guard let roles = table["roles"]?.table else { throw fail("roles", "missing, or not a table") }
        var styles: [Role: RoleStyle] = [:]
        for key in roles.keys {
            guard let role = Role(rawValue: key) else {
                throw fail("roles.\(key)", "unknown role; the roles are \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let entry = roles[key]?.table else { throw fail("roles.\(key)", "not a table") }
            styles[role] = try Self.style(entry, key: "roles.\(key)", fail: fail)
        }
        if let missing = Role.allCases.first(where: { styles[$0] == nil }) {
            throw fail("roles.\(missing.rawValue)", "missing")
        }
        self.init(name: name, styles: styles)
    }

    private static let basicNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
    private static let styleKeys = ["color", "background", "basic", "basic-background", "attributes", "mono"]

    private static func style(
        _ entry: TOMLTable, key prefix: String, fail: (String, String) -> ThemeError
    ) throws(ThemeError) -> RoleStyle {
        for key in entry.keys where !styleKeys.contains(key) {
            throw fail("\(prefix).\(key)", "unknown key; a role has \(styleKeys.joined(separator: ", "))")
        }
        func color256(_ key: String) throws(ThemeError) -> Int? {
            guard let value = entry[key] else { return nil }
            if value.string == "default" { return nil }
            guard let number = value.int, (0...255).contains(number) else {
                throw fail("\(prefix).\(key)", "expected a colour number from 0 to 255 or \"default\"")
            }
            return number
        }
        func color8(_ key: String) throws(ThemeError) -> Int? {
            guard let value = entry[key] else { return nil }
            if value.string == "default" { return nil }
            guard let name = value.string, let index = basicNames.firstIndex(of: name) else {
                throw fail("\(prefix).\(key)", "expected one of \(basicNames.joined(separator: ", ")) or \"default\"")
            }
            return index
        }
        func attributes(_ key: String) throws(ThemeError) -> TextAttributes {
            guard let value = entry[key] else { return [] }
            guard let array = value.array else { throw fail("\(prefix).\(key)", "expected a list of attribute names") }
            var result: TextAttributes = []
            for element in array {
                guard let name = element.string, let attribute = TextAttributes.names.first(where: { $0.0 == name }) else {
                    throw fail(
                        "\(prefix).\(key)",
                        "expected attribute names among \(TextAttributes.names.map(\.0).joined(separator: ", "))")
                }
                result.insert(attribute.1)
            }
            return result
        }
        return RoleStyle(
            color: try color256("color"), background: try color256("background"), basic: try color8("basic"),
            basicBackground: try color8("basic-background"), attributes: try attributes("attributes"), mono: try attributes("mono"))
    }
}
