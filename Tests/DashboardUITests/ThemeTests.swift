import DashboardUI
import Foundation
import Testing

@Suite struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes")

    @Test(arguments: ["dark", "light", "high-contrast", "mono"])
    func builtInThemesMatchTheirFiles(name: String) throws {
        let path = Self.themesDirectory.appendingPathComponent("\(name).toml").path
        let file = try Theme.load(path: path)
        let builtIn = try Theme.builtIn(named: name)
        #expect(file == builtIn)
        #expect(file.name == name)
        #expect(try Theme.named(path) == builtIn)
    }

    @Test func paletteFallsBackByProfile() throws {
        let dark = try Theme.builtIn(named: "dark")
        #expect(Palette(theme: dark, profile: .ansi256)[.countdownExpired] == TextStyle(foreground: 196, attributes: .bold))
        #expect(Palette(theme: dark, profile: .ansi8)[.countdownExpired] == TextStyle(foreground: 1, attributes: .bold))
        #expect(Palette(theme: dark, profile: .none)[.countdownExpired] == TextStyle(attributes: [.bold, .reverse]))
        #expect(Palette(theme: dark, profile: .ansi8)[.header] == TextStyle(foreground: 7, background: 4, attributes: .bold))
        let mono = try Theme.builtIn(named: "mono")
        #expect(Palette(theme: mono, profile: .ansi256)[.selection] == TextStyle(attributes: .reverse))
    }

    @Test func colorProfileDetection() {
        #expect(ColorProfile.detect(colors: 256, environment: [:]) == .ansi256)
        #expect(ColorProfile.detect(colors: 16, environment: [:]) == .ansi8)
        #expect(ColorProfile.detect(colors: 8, environment: [:]) == .ansi8)
        #expect(ColorProfile.detect(colors: 0, environment: [:]) == .none)
        #expect(ColorProfile.detect(colors: 256, environment: ["NO_COLOR": ""]) == .none)
    }

    func error(_ toml: String) -> ThemeError? {
        do {
            _ = try Theme(toml: toml, path: "themes/broken.toml")
            return nil
        } catch {
            return error
        }
    }

    /// A valid theme text with `role`'s line replaced.
    func dark(replacing role: String, with line: String?) throws -> String {
        let text = try String(contentsOf: Self.themesDirectory.appendingPathComponent("dark.toml"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { current in
            current.hasPrefix("\(role) = ") ? line : String(current)
        }.joined(separator: "\n")
    }

    @Test func badColourNamesItsKey() throws {
        let error = self.error(try dark(replacing: "title", with: "title = { color = 300 }"))
        #expect(error?.description == "theme themes/broken.toml: roles.title.color: expected a colour number from 0 to 255 or \"default\"")
    }

    @Test func badBasicColour() throws {
        let error = self.error(try dark(replacing: "badge", with: #"badge = { basic = "orange" }"#))
        #expect(error?.description == "theme themes/broken.toml: roles.badge.basic: expected one of black, red, green, yellow, blue, magenta, cyan, white or \"default\"")
    }

    @Test func badAttribute() throws {
        let error = self.error(try dark(replacing: "key", with: #"key = { mono = ["blink"] }"#))
        #expect(error?.description == "theme themes/broken.toml: roles.key.mono: expected attribute names among bold, reverse, underline, dim")
    }

    @Test func unknownStyleKey() throws {
        let error = self.error(try dark(replacing: "id", with: "id = { colour = 3 }"))
        #expect(error?.description == "theme themes/broken.toml: roles.id.colour: unknown key; a role has color, background, basic, basic-background, attributes, mono")
    }

    @Test func missingRole() throws {
        let error = self.error(try dark(replacing: "sparkline", with: nil))
        #expect(error == ThemeError(path: "themes/broken.toml", key: "roles.sparkline", message: "missing"))
    }

    @Test func unknownRole() throws {
        let error = self.error(try dark(replacing: "help", with: "help = {}\nhelpful = {}"))
        #expect(error?.key == "roles.helpful")
        #expect(error?.message.hasPrefix("unknown role; the roles are text, label, pane-border,") == true)
    }

    @Test func missingName() {
        #expect(error("[roles]\n") == ThemeError(path: "themes/broken.toml", key: "name", message: "missing, or not a string"))
    }

    @Test func syntaxErrorHasNoKey() {
        let error = self.error("name = \"x\"\n[roles\n")
        #expect(error?.key == nil)
        #expect(error?.message.hasPrefix("not valid TOML: ") == true)
        #expect(error?.message.hasSuffix("at line 2, column 7") == true)
    }

    @Test func unknownThemeName() {
        #expect(throws: ThemeError(
            path: "solarized", key: nil,
            message: "no such theme; the built-in themes are dark, light, high-contrast, mono, or give a file path")
        ) { try Theme.named("solarized") }
    }

    @Test func missingFile() {
        #expect(throws: ThemeError(path: "/nonexistent/theme.toml", key: nil, message: "no such file")) {
            try Theme.named("/nonexistent/theme.toml")
        }
    }
}
