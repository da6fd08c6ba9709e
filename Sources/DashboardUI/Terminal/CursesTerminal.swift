import CNcurses
import Foundation
import Glibc
import MushroomCommandLine

/// The terminal under curses: opened with `newterm` (falling back to xterm-256color for an
/// unknown TERM), raw keys, short ESCDELAY, the terminal's own colours kept, and restored with
/// `endwin` by `close()` and by termination signals (through the run loop), and by the shim's
/// crash guard on fatal signals. Use it only on the thread that opened it.
final class CursesTerminal {
    /// The drawing surface.
    let surface: CursesSurface
    /// The colour profile in use.
    let profile: ColorProfile
    /// Warnings for the operator (TERM fallback, non-UTF-8 locale).
    let warnings: [String]
    /// Whether the locale is UTF-8 (otherwise only ASCII is drawn).
    let isUTF8: Bool
    private var screen: OpaquePointer?
    private let output: OutputCapture

    /// The terminal type used when TERM is unknown.
    static let fallbackTerminal = "xterm-256color"

    /// The button states curses reports for the mouse events asked for.
    static let mouseButtons = MouseEvent.Buttons(
        click: UInt(shim_button1_clicked()), doubleClick: UInt(shim_button1_double_clicked()),
        wheelUp: UInt(shim_button4_pressed()), wheelDown: UInt(shim_button5_pressed()))

    /// Takes over the terminal; `profile` overrides the detected colour profile; `mouse` asks
    /// for clicks and the wheel (which takes the terminal's own text selection away).
    init(
        profile requestedProfile: ColorProfile?, mouse: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(TerminalError) {
        try Self.checkUsable(environment: environment)
        let installed = setlocale(LC_ALL, "") != nil
        var warnings: [String] = []
        let utf8 = shim_locale_is_utf8() != 0
        if !utf8 { warnings.append(Self.localeWarning(environment: environment, installed: installed)) }
        let term = environment["TERM"] ?? ""
        let output = try OutputCapture()
        // The settings to restore after a crash: those from before curses changed them.
        _ = shim_crash_save(output.savedOutput, output.savedError)
        var screen = newterm(term, output.terminal, shim_stdin())
        if screen == nil {
            screen = newterm(Self.fallbackTerminal, output.terminal, shim_stdin())
            guard screen != nil else {
                _ = output.restore()
                throw TerminalError("cannot open the terminal: TERM=\(term) is unknown and \(Self.fallbackTerminal) is not installed either")
            }
            warnings.append("TERM=\(term) is unknown here (install ncurses-term?); using \(Self.fallbackTerminal)")
        }
        self.screen = screen
        self.output = output
        SignalWatcher.install()
        shim_crash_install()
        raw()
        noecho()
        nonl()
        keypad(shim_stdscr(), true)
        _ = shim_set_escdelay(25)
        if mouse { _ = shim_mousemask(UInt(Self.mouseButtons.all)) }
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(shim_colors())
        }
        profile = requestedProfile ?? ColorProfile.detect(colors: colors, environment: environment)
        surface = CursesSurface(profile: profile, asciiOnly: !utf8)
        isUTF8 = utf8
        self.warnings = warnings
    }

    /// Refuses what cannot show the dashboard: standard output or input that is not a terminal,
    /// and TERM unset, empty or dumb. `isTerminal` tells whether a descriptor is a terminal.
    static func checkUsable(environment: [String: String], isTerminal: (Int32) -> Bool = { isatty($0) == 1 }) throws(TerminalError) {
        guard isTerminal(STDOUT_FILENO) else {
            throw TerminalError("standard output is not a terminal, so the dashboard cannot be drawn; run it in a terminal")
        }
        guard isTerminal(STDIN_FILENO) else {
            throw TerminalError("standard input is not a terminal, so the dashboard cannot read keys; run it in a terminal")
        }
        switch environment["TERM"] ?? "" {
        case "":
            throw TerminalError("TERM is not set, so the dashboard cannot tell how to draw; set it to the terminal's type, e.g. TERM=xterm-256color")
        case "dumb":
            throw TerminalError("TERM=dumb cannot draw the dashboard (it cannot move the cursor); set TERM to the terminal's type, e.g. TERM=xterm-256color")
        default:
            break
        }
    }

    /// The warning for a locale that is not UTF-8, naming the variable that decides it as POSIX
    /// does (LC_ALL, then LC_CTYPE, then LANG; an empty one counts as unset). `installed` tells
    /// whether the C library has that locale at all.
    static func localeWarning(environment: [String: String], installed: Bool) -> String {
        let effective = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { name in
            environment[name].flatMap { $0.isEmpty ? nil : "\(name)=\($0)" }
        }.first
        let consequence = "so only ASCII is drawn; set LANG=C.UTF-8 for the full dashboard"
        guard let effective else { return "no locale is set (LC_ALL, LC_CTYPE and LANG are unset or empty), \(consequence)" }
        return installed ? "the locale \(effective) is not UTF-8, \(consequence)" : "the locale \(effective) is not installed, \(consequence)"
    }

    /// Waits up to `milliseconds` for a key (0: only one already typed).
    func readKey(timeoutMilliseconds milliseconds: Int) -> Key? {
        timeout(Int32(max(0, milliseconds)))
        var code: wint_t = 0
        let result = get_wch(&code)
        if result == shim_key_code_yes(), Int32(code) == shim_key_mouse() { return Self.mouseEvent() }
        if result == shim_key_code_yes() { return Self.functionKey(Int32(code)) }
        if result == shim_ok() { return Key(code: UInt32(code)) }
        return nil
    }

    /// The mouse event curses has read, when it is one the dashboard asked for.
    private static func mouseEvent() -> Key? {
        var (row, column): (Int32, Int32) = (0, 0)
        var state: UInt = 0
        guard shim_getmouse(&row, &column, &state) == shim_ok(),
            let event = MouseEvent(state: state, row: Int(row), column: Int(column), buttons: mouseButtons)
        else { return nil }
        return .mouse(event)
    }

    private static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case shim_key_up(): .up
        case shim_key_down(): .down
        case shim_key_left(): .left
        case shim_key_right(): .right
        case shim_key_home(): .home
        case shim_key_end(): .end
        case shim_key_ppage(): .pageUp
        case shim_key_npage(): .pageDown
        case shim_key_backspace(): .backspace
        case shim_key_dc(): .delete
        case shim_key_enter(): .enter
        case shim_key_btab(): .backTab
        case shim_key_resize(): .resize
        default: nil
        }
    }

    /// Writes the OSC 52 sequence for `text` straight to the terminal, after the frame curses
    /// sent (call it between frames): curses does not know of it, and the screen is untouched.
    func copyToClipboard(_ text: String) {
        let bytes = ClipboardSequence.bytes(for: text)
        fflush(output.terminal)
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, output.terminal) }
        fflush(output.terminal)
    }

    /// Restores the terminal (idempotent), then prints the warnings, and where stray output
    /// went, where they stay visible.
    func close() {
        guard let screen else { return }
        shim_crash_uninstall()
        endwin()
        delscreen(screen)
        self.screen = nil
        SignalWatcher.uninstall()
        let notes = warnings + [output.restore()].compactMap { $0 }
        for note in notes { StandardStream.error.write("mushroom: \(note)\n") }
    }

    deinit {
        close()
    }
}
