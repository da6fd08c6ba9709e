import DashboardModel
@testable import DashboardUI
import Foundation
import MushroomRPC
import Testing

/// The config file: a full example read back, and every kind of broken file refused with one
/// sentence naming the path, the line and the key.
@Suite struct ConfigFileTests {
    static let path = "/home/ada/.config/mushroom/config.toml"

    static let example = #"""
        # Everything the config file holds.
        [dashboard]
        theme = "light"
        history = 5000
        mouse = false

        [servers.prod]
        url = "https://mushroom.example.com/bootstrap"
        transport = "ws"
        auth = { user = "ada", roles = ["ops", "dev"], level = 3 }
        admin-token = "s3cret"

        [servers.staging]
        url = "http://127.0.0.1:8080/bootstrap"
        theme = "mono"

        [filters]
        orders = "orders.* data.user=ada"
        "chat text" = 'chat.message "hello"'

        [keys]
        pause = "P"
        quit = "ctrl-q"

        [alerts]
        slow-ticks = "method tick slower than 5 per second for 10 seconds"
        timeouts = "3 errors of kind timeout within 60 seconds"
        """#

    static func message(_ text: String) -> String {
        do {
            _ = try ConfigFile(toml: text, path: path)
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func theFullExampleIsReadInTheFilesOrder() throws {
        let config = try ConfigFile(toml: Self.example, path: Self.path)
        #expect(config.theme == "light" && config.history == 5000 && config.mouse == false)
        #expect(config.servers.map(\.name) == ["prod", "staging"])
        let prod = try #require(config.server(named: "prod"))
        #expect(prod.url == "https://mushroom.example.com/bootstrap" && prod.transport == "ws" && prod.adminToken == "s3cret")
        #expect(prod.auth == ["user": "ada", "roles": ["ops", "dev"], "level": 3])
        #expect(config.server(named: "staging")?.theme == "mono")
        #expect(config.filters == [.init(name: "orders", text: "orders.* data.user=ada"), .init(name: "chat text", text: #"chat.message "hello""#)])
        #expect(config.keys.bindings == ["pause": .character("P"), "quit": .control("q")])
        #expect(config.alerts.map(\.description) == [
            "method tick slower than 5 per second for 10 seconds", "3 errors of kind timeout within 60 seconds",
        ])
    }

    @Test func anEmptyFileIsAnEmptyConfig() throws {
        let config = try ConfigFile(toml: "# nothing yet\n", path: Self.path)
        #expect(config.servers.isEmpty && config.filters.isEmpty && config.alerts.isEmpty && config.keys == KeyRemap())
    }

    @Test(arguments: [
        // Syntax: TOMLKit's line and column.
        ("[servers.prod\nurl = 1\n", "the config file \(path), line 1: not valid TOML: Error while parsing table header: expected ']', saw '\\n' (column 14)"),
        ("a = 1\na = 2\n", "the config file \(path), line 2: not valid TOML: Error while parsing key-value pair: cannot redefine existing integer 'a' (column 5)"),
        // Unknown keys, at their own line.
        ("\n[dashbord]\ntheme = \"dark\"\n", "the config file \(path), line 2, dashbord: unknown key; the file has dashboard, servers, filters, keys, alerts"),
        ("[dashboard]\ntheme = \"dark\"\ncolour = 3\n", "the config file \(path), line 3, dashboard.colour: unknown key; dashboard has theme, history, mouse"),
        ("[servers.a]\nurl = \"http://h/\"\n\n[servers.b]\nurl = \"http://h/\"\nport = 80\n", "the config file \(path), line 6, servers.b.port: unknown key; servers.b has url, transport, auth, theme, admin-token"),
        // Wrong types.
        ("[dashboard]\ntheme = 7\n", "the config file \(path), line 2, dashboard.theme: expected a string, got an integer"),
        ("[dashboard]\nmouse = \"yes\"\n", "the config file \(path), line 2, dashboard.mouse: expected true or false, got a string"),
        ("dashboard = 3\n", "the config file \(path), line 1, dashboard: expected a table, got an integer"),
        ("[servers]\nprod = \"http://h/\"\n", "the config file \(path), line 2, servers.prod: expected a table, got a string"),
        ("[filters]\norders = [\"a\"]\n", "the config file \(path), line 2, filters.orders: expected a string, got an array"),
        ("[servers.p]\nurl = \"http://h/\"\nauth = 1979-05-27\n", "the config file \(path), line 3, servers.p.auth: a date has no JSON form"),
        ("[servers.p]\nurl = \"http://h/\"\nauth = { limit = nan }\n", "the config file \(path), line 3, servers.p.auth.limit: nan has no JSON form"),
        // Numbers out of range.
        ("[dashboard]\nhistory = 0\n", "the config file \(path), line 2, dashboard.history: expected a whole number from 1 to 1000000, got 0"),
        ("[dashboard]\nhistory = -5\n", "the config file \(path), line 2, dashboard.history: expected a whole number from 1 to 1000000, got -5"),
        ("[dashboard]\nhistory = 9223372036854775807\n", "the config file \(path), line 2, dashboard.history: expected a whole number from 1 to 1000000, got 9223372036854775807"),
        ("[dashboard]\nhistory = nan\n", "the config file \(path), line 2, dashboard.history: expected a whole number from 1 to 1000000, got nan"),
        ("[dashboard]\nhistory = inf\n", "the config file \(path), line 2, dashboard.history: expected a whole number from 1 to 1000000, got inf"),
        ("[dashboard]\nhistory = 12.5\n", "the config file \(path), line 2, dashboard.history: expected a whole number from 1 to 1000000, got 12.5"),
        // Bad URLs and values.
        ("[servers.p]\nurl = \"ftp://h/\"\n", #"the config file \#(path), line 2, servers.p.url: expected an http or https URL with a host, such as "https://example.com/bootstrap", got "ftp://h/""#),
        ("[servers.p]\nurl = \"http://\"\n", #"the config file \#(path), line 2, servers.p.url: expected an http or https URL with a host, such as "https://example.com/bootstrap", got "http://""#),
        ("[servers.p]\nurl = \"not a url\"\n", #"the config file \#(path), line 2, servers.p.url: expected an http or https URL with a host, such as "https://example.com/bootstrap", got "not a url""#),
        ("[servers.p]\ntransport = \"ws\"\n", "the config file \(path), line 1, servers.p: a server needs a url"),
        ("[servers.p]\nurl = \"http://h/\"\ntransport = \"tcp\"\n", #"the config file \#(path), line 3, servers.p.transport: expected "ws" or "poll", got "tcp""#),
        ("[servers.p]\nurl = \"http://h/\"\ntheme = \"neon\"\n", "the config file \(path), line 3, servers.p.theme: theme neon: no such theme; the built-in themes are dark, light, high-contrast, mono, or give a file path"),
        // Filters and alert rules in their own syntax.
        ("[filters]\nbad = \"data.x=\"\n", "the config file \(path), line 2, filters.bad: not a valid filter: expected a value after = at column 8"),
        ("[alerts]\nslow = \"method tick slower than nan per second for 10 seconds\"\n", #"the config file \#(path), line 2, alerts.slow: the alert rule "method tick slower than nan per second for 10 seconds" is malformed: R must be a number above 0 and at most 1000000000, not "nan""#),
        // Key rebinding.
        ("[keys]\npause = \"x\"\n", #"the config file \#(path), line 2, keys.pause: "x" is already the key of clear-filter; rebind clear-filter too (keys.clear-filter = "...")"#),
        ("[keys]\npause = \"P\"\nfilter = \"P\"\n", #"the config file \#(path), line 3, keys.filter: "P" is already bound to pause (keys.pause); each key does one thing"#),
        ("[keys]\nexplode = \"e\"\n", "the config file \(path), line 2, keys.explode: unknown action; the actions with a key are filter, clear-filter, pause, form, maximize, clear, next-pane, previous-pane, down, up, first, last, sort-sessions, end-session, copy, copy-pretty, export, mark, diff, edit-again, send-again, latency, server-view, sort-rates, palette, help, quit"),
        ("[keys]\npause = \"ctrl-c\"\n", #"the config file \#(path), line 2, keys.pause: "ctrl-c" is not a key; write one character, space, or ctrl- and a letter other than c"#),
        ("[keys]\npause = \"3\"\n", #"the config file \#(path), line 2, keys.pause: "3" focuses a pane by its number, so it cannot be rebound"#),
    ])
    func aBrokenFileIsOneSentence(text: String, expected: String) {
        #expect(Self.message(text) == expected)
    }

    @Test func aKeyIsFoundUnderItsOwnTableNotAnotherOne() {
        // `url` appears first in a string, a comment and another server: the line is staging's.
        let text = """
            # url = "not this"
            [servers.prod]
            url = "http://prod/"   # url = 1
            note = "url = ftp://x"
            """
        #expect(Self.message(text).hasPrefix("the config file \(Self.path), line 4, servers.prod.note: unknown key"))
        let multiline = #"""
            [servers.p]
            url = "http://p/"
            auth = """
            [dashboard]
            history = 0
            """
            [dashboard]
            history = 0
            """#
        #expect(Self.message(multiline) == "the config file \(Self.path), line 8, dashboard.history: expected a whole number from 1 to 1000000, got 0")
        let dotted = """
            servers.prod.url = "http://prod/"
            servers.prod.transport = "pigeon"
            """
        #expect(Self.message(dotted) == #"the config file \#(Self.path), line 2, servers.prod.transport: expected "ws" or "poll", got "pigeon""#)
        let inline = """
            [servers]
            staging = { url = "http://staging/", transport = "ws" }
            prod = { url = "http://prod/", transport = "pigeon" }
            """
        #expect(Self.message(inline) == #"the config file \#(Self.path), line 3, servers.prod.transport: expected "ws" or "poll", got "pigeon""#)
    }

    @Test func aMissingDefaultFileIsFineAndAMissingNamedOneIsNot() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString).toml").path
        #expect(try ConfigFile.load(path: missing, required: false).servers.isEmpty)
        #expect(throws: ConfigError(path: missing, line: nil, key: nil, message: "no such file")) {
            try ConfigFile.load(path: missing, required: true)
        }
        let directory = FileManager.default.temporaryDirectory.path
        #expect(throws: ConfigError(path: directory, line: nil, key: nil, message: "is a directory, not a config file")) {
            try ConfigFile.load(path: directory, required: false)
        }
    }

    @Test func anUnreadableFileIsAnError() throws {
        guard getuid() != 0 else { return }  // root reads everything
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).toml").path
        try "[dashboard]\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        chmod(path, 0)
        #expect(throws: ConfigError(path: path, line: nil, key: nil, message: "cannot be opened (Permission denied)")) {
            try ConfigFile.load(path: path, required: false)
        }
    }

    @Test func theDefaultPathFollowsXDG() {
        #expect(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/home/ada"]) == "/x/mushroom/config.toml")
        #expect(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/ada"]) == "/home/ada/.config/mushroom/config.toml")
        #expect(ConfigFile.defaultPath(environment: ["HOME": "/home/ada"]) == "/home/ada/.config/mushroom/config.toml")
        #expect(ConfigFile.defaultPath(environment: [:]) == nil)
    }
}
