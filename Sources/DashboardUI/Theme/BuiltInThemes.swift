// The built-in themes, compiled in so that the binary works from any directory.
// Generated from themes/*.toml (BuiltInThemeTests checks that they match the files).

/// The themes shipped in `themes/`, by name.
enum BuiltInThemes {
    /// Names in the order they are listed to users; "dark" is the default.
    static let names = ["dark", "light", "high-contrast", "mono"]

    /// Each theme's TOML text.
    static let sources: [String: String] = [
        "dark": #"""
# dark: the default theme, for dark terminal backgrounds.
# Each role: color/background = 256-colour index or "default"; basic/basic-background = one of
# black red green yellow blue magenta cyan white (8-colour terminals); attributes (with colour)
# and mono (without colour) among bold, reverse, underline, dim.
name = "dark"

[roles]
text = { color = 252, basic = "white" }
label = { color = 245, basic = "white", mono = ["dim"] }
pane-border = { color = 240, basic = "blue", mono = ["dim"] }
focused-border = { color = 45, basic = "cyan", attributes = ["bold"], mono = ["bold"] }
title = { color = 255, basic = "white", attributes = ["bold"], mono = ["bold"] }
header = { color = 255, background = 24, basic = "white", basic-background = "blue", attributes = ["bold"], mono = ["reverse"] }
method = { color = 81, basic = "cyan" }
payload = { color = 250, basic = "white" }
timestamp = { color = 243, basic = "white", mono = ["dim"] }
id = { color = 179, basic = "yellow" }
countdown-ok = { color = 71, basic = "green" }
countdown-warning = { color = 214, basic = "yellow", attributes = ["bold"], mono = ["bold"] }
countdown-expired = { color = 196, basic = "red", attributes = ["bold"], mono = ["bold", "reverse"] }
error = { color = 203, basic = "red", mono = ["bold"] }
status-connected = { color = 77, basic = "green", attributes = ["bold"], mono = ["bold"] }
status-connecting = { color = 220, basic = "yellow", attributes = ["bold"], mono = ["underline"] }
status-disconnected = { color = 196, basic = "red", attributes = ["bold"], mono = ["bold", "reverse"] }
selection = { color = 255, background = 238, basic = "black", basic-background = "white", mono = ["reverse"] }
form-field = { color = 255, background = 236, basic = "white", basic-background = "blue", mono = ["underline"] }
form-error = { color = 203, basic = "red", mono = ["bold"] }
badge = { color = 16, background = 214, basic = "black", basic-background = "yellow", attributes = ["bold"], mono = ["reverse", "bold"] }
sparkline = { color = 75, basic = "blue" }
help = { color = 252, background = 235, basic = "white", basic-background = "black" }
key = { color = 214, basic = "yellow", attributes = ["bold"], mono = ["bold"] }
"""#,
        "light": #"""
# light: for light terminal backgrounds (dark text, the terminal's own background kept).
name = "light"

[roles]
text = { color = 235, basic = "black" }
label = { color = 242, basic = "black", mono = ["dim"] }
pane-border = { color = 248, basic = "blue", mono = ["dim"] }
focused-border = { color = 25, basic = "blue", attributes = ["bold"], mono = ["bold"] }
title = { color = 16, basic = "black", attributes = ["bold"], mono = ["bold"] }
header = { color = 231, background = 25, basic = "white", basic-background = "blue", attributes = ["bold"], mono = ["reverse"] }
method = { color = 25, basic = "blue" }
payload = { color = 238, basic = "black" }
timestamp = { color = 244, basic = "black", mono = ["dim"] }
id = { color = 130, basic = "magenta" }
countdown-ok = { color = 28, basic = "green" }
countdown-warning = { color = 166, basic = "yellow", attributes = ["bold"], mono = ["bold"] }
countdown-expired = { color = 160, basic = "red", attributes = ["bold"], mono = ["bold", "reverse"] }
error = { color = 160, basic = "red", mono = ["bold"] }
status-connected = { color = 28, basic = "green", attributes = ["bold"], mono = ["bold"] }
status-connecting = { color = 130, basic = "yellow", attributes = ["bold"], mono = ["underline"] }
status-disconnected = { color = 160, basic = "red", attributes = ["bold"], mono = ["bold", "reverse"] }
selection = { color = 16, background = 153, basic = "white", basic-background = "blue", mono = ["reverse"] }
form-field = { color = 16, background = 254, basic = "black", basic-background = "white", mono = ["underline"] }
form-error = { color = 160, basic = "red", mono = ["bold"] }
badge = { color = 231, background = 166, basic = "white", basic-background = "red", attributes = ["bold"], mono = ["reverse", "bold"] }
sparkline = { color = 31, basic = "cyan" }
help = { color = 235, background = 255, basic = "black", basic-background = "white" }
key = { color = 130, basic = "magenta", attributes = ["bold"], mono = ["bold"] }
"""#,
        "high-contrast": #"""
# high-contrast: pure colours and heavy attributes, for projectors and low vision.
name = "high-contrast"

[roles]
text = { color = 231, basic = "white", attributes = ["bold"] }
label = { color = 231, basic = "white" }
pane-border = { color = 231, basic = "white" }
focused-border = { color = 226, basic = "yellow", attributes = ["bold"], mono = ["bold", "reverse"] }
title = { color = 226, basic = "yellow", attributes = ["bold", "underline"], mono = ["bold", "underline"] }
header = { color = 16, background = 226, basic = "black", basic-background = "yellow", attributes = ["bold"], mono = ["reverse", "bold"] }
method = { color = 51, basic = "cyan", attributes = ["bold"], mono = ["bold"] }
payload = { color = 231, basic = "white" }
timestamp = { color = 231, basic = "white" }
id = { color = 226, basic = "yellow" }
countdown-ok = { color = 46, basic = "green", attributes = ["bold"] }
countdown-warning = { color = 226, basic = "yellow", attributes = ["bold", "underline"], mono = ["bold", "underline"] }
countdown-expired = { color = 16, background = 196, basic = "white", basic-background = "red", attributes = ["bold"], mono = ["bold", "reverse"] }
error = { color = 16, background = 196, basic = "white", basic-background = "red", attributes = ["bold"], mono = ["bold", "reverse"] }
status-connected = { color = 16, background = 46, basic = "black", basic-background = "green", attributes = ["bold"], mono = ["bold"] }
status-connecting = { color = 16, background = 226, basic = "black", basic-background = "yellow", attributes = ["bold"], mono = ["underline", "bold"] }
status-disconnected = { color = 231, background = 196, basic = "white", basic-background = "red", attributes = ["bold"], mono = ["bold", "reverse"] }
selection = { color = 16, background = 231, basic = "black", basic-background = "white", attributes = ["bold"], mono = ["reverse"] }
form-field = { color = 231, background = 19, basic = "white", basic-background = "blue", attributes = ["underline"], mono = ["underline"] }
form-error = { color = 16, background = 196, basic = "white", basic-background = "red", attributes = ["bold"], mono = ["bold", "reverse"] }
badge = { color = 16, background = 226, basic = "black", basic-background = "yellow", attributes = ["bold"], mono = ["reverse", "bold"] }
sparkline = { color = 51, basic = "cyan", attributes = ["bold"] }
help = { color = 231, background = 16, basic = "white", basic-background = "black", attributes = ["bold"] }
key = { color = 226, basic = "yellow", attributes = ["bold", "underline"], mono = ["bold", "underline"] }
"""#,
        "mono": #"""
# mono: no colour at all, attributes only; works on a bare vt100 over SSH.
name = "mono"

[roles]
text = {}
label = { attributes = ["dim"], mono = ["dim"] }
pane-border = { attributes = ["dim"], mono = ["dim"] }
focused-border = { attributes = ["bold"], mono = ["bold"] }
title = { attributes = ["bold"], mono = ["bold"] }
header = { attributes = ["reverse"], mono = ["reverse"] }
method = { attributes = ["bold"], mono = ["bold"] }
payload = {}
timestamp = { attributes = ["dim"], mono = ["dim"] }
id = {}
countdown-ok = {}
countdown-warning = { attributes = ["bold"], mono = ["bold"] }
countdown-expired = { attributes = ["bold", "reverse"], mono = ["bold", "reverse"] }
error = { attributes = ["bold"], mono = ["bold"] }
status-connected = { attributes = ["bold"], mono = ["bold"] }
status-connecting = { attributes = ["underline"], mono = ["underline"] }
status-disconnected = { attributes = ["bold", "reverse"], mono = ["bold", "reverse"] }
selection = { attributes = ["reverse"], mono = ["reverse"] }
form-field = { attributes = ["underline"], mono = ["underline"] }
form-error = { attributes = ["bold"], mono = ["bold"] }
badge = { attributes = ["reverse", "bold"], mono = ["reverse", "bold"] }
sparkline = {}
help = {}
key = { attributes = ["bold"], mono = ["bold"] }
"""#,
    ]
}
