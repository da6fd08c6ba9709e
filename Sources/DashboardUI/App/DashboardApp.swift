import DashboardModel
import Foundation
import MushroomRPC

/// The dashboard's run loop: owns the terminal and the model, on one thread. Each turn it reads a
/// key (with a short timeout), drains the engine events waiting in the inbox, updates the model,
/// and draws a frame when something changed or something on screen moves (countdowns, ages),
/// at most `Options.frameInterval` apart, and at once after a key, so that the operator sees the
/// answer to a key without waiting for the next frame, however busy the stream. Keys only update
/// the model: the one snapshot of a turn is built for its frame, however many keys arrived (a
/// paste of 1000 characters builds one).
/// Each command from the model (a submitted form) is handed to `perform` in a task of its own;
/// what it returns goes back to the model, tagged with the command's id, through a
/// `ResultMailbox` drained each frame.
///
/// ```swift
/// let inbox = EventInbox()
/// inbox.attach(engine.events())
/// let exit = try await DashboardApp.launch(options: .init(theme: try Theme.named(name)), inbox: inbox) { command in
///     await command.kind.perform(on: engine)    // engines[command.server] on several servers
/// }
/// if case .signal(let number) = exit { Foundation.exit(128 + number) }
/// ```
public final class DashboardApp {
    /// How the dashboard looks and paces itself.
    public struct Options: Sendable {
        /// The colours and attributes of each role.
        public var theme: Theme
        /// Overrides the detected colour profile.
        public var colorProfile: ColorProfile?
        /// The model's bounds.
        public var model: DashboardConfiguration
        /// The shortest time between frames (20 fps).
        public var frameInterval: Duration
        /// How long to wait for a key when nothing moves on screen.
        public var idleInterval: Duration
        /// The time zone of notification times.
        public var timeZone: TimeZone
        /// The config file's key rebinding.
        public var keys: KeyRemap
        /// What the command palette offers.
        public var palette: [PaletteItem]
        /// Whether clicks and the wheel are taken from the terminal (`--no-mouse` turns it off).
        public var mouse: Bool
        /// The recording played, when the dashboard replays one instead of showing a live client.
        public var playback: (any PlaybackControl)?

        /// Options with the defaults above.
        public init(
            theme: Theme, colorProfile: ColorProfile? = nil, model: DashboardConfiguration = DashboardConfiguration(),
            frameInterval: Duration = .milliseconds(50), idleInterval: Duration = .milliseconds(250), timeZone: TimeZone = .current,
            keys: KeyRemap = KeyRemap(), palette: [PaletteItem] = PaletteItem.actions(), mouse: Bool = true
        ) {
            self.theme = theme
            self.colorProfile = colorProfile
            self.model = model
            self.frameInterval = frameInterval
            self.idleInterval = idleInterval
            self.timeZone = timeZone
            self.keys = keys
            self.palette = palette
            self.mouse = mouse
        }
    }

    /// Why the dashboard ended.
    public enum Exit: Sendable, Hashable {
        /// The operator pressed q or ctrl-c.
        case quit
        /// A termination signal (SIGINT, SIGTERM, SIGHUP) arrived; exit with 128 + its number.
        case signal(Int32)
        /// The inbox was closed with this reason.
        case closed(String)
    }

    /// Performs a command with the engine of its server (`EngineCommand.server`) and says what became of it.
    public typealias Performer = @Sendable (EngineCommand) async -> CommandResult.Outcome

    private let options: Options
    private let inbox: EventInbox
    private let perform: Performer
    private let results = ResultMailbox()
    private let makeSnapshot: (DashboardModel, Date) -> DashboardSnapshot
    private var model: DashboardModel
    private var view = ViewState()

    /// A dashboard that takes events from `inbox` and hands commands to `perform`; `run()` starts it.
    public convenience init(options: Options, inbox: EventInbox, perform: @escaping Performer) {
        self.init(options: options, inbox: inbox, perform: perform) { $0.snapshot(at: $1) }
    }

    /// A dashboard whose frames take their snapshot from `makeSnapshot` (tests count them).
    init(
        options: Options, inbox: EventInbox, perform: @escaping Performer,
        makeSnapshot: @escaping (DashboardModel, Date) -> DashboardSnapshot
    ) {
        self.options = options
        self.inbox = inbox
        self.perform = perform
        self.makeSnapshot = makeSnapshot
        model = DashboardModel(configuration: options.model)
    }

    /// Throws when this process's terminal cannot show the dashboard (standard output or input is
    /// not a terminal, TERM is unset or dumb), so that a caller can refuse before connecting.
    public static func checkTerminal(environment: [String: String] = ProcessInfo.processInfo.environment) throws(TerminalError) {
        try CursesTerminal.checkUsable(environment: environment)
    }

    /// Runs the dashboard on a thread of its own (curses must stay on one thread) until the
    /// operator quits or a termination signal arrives; the terminal is restored before it returns.
    public static func launch(
        options: Options, inbox: EventInbox, perform: @escaping Performer
    ) async throws(TerminalError) -> Exit {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Exit, TerminalError>, Never>) in
            let thread = Thread {
                let app = DashboardApp(options: options, inbox: inbox, perform: perform)
                continuation.resume(returning: Result { () throws(TerminalError) in try app.run() })
            }
            thread.name = "mushroom dashboard"
            thread.start()
        }
        return try result.get()
    }

    /// Runs the dashboard on the calling thread until the operator quits or a termination signal
    /// arrives; the terminal is restored before it returns or throws.
    public func run() throws(TerminalError) -> Exit {
        let terminal = try CursesTerminal(profile: options.colorProfile, mouse: options.mouse)
        defer { terminal.close() }
        let renderer = DashboardRenderer(
            palette: Palette(theme: options.theme, profile: terminal.profile),
            glyphs: terminal.isUTF8 ? .unicode : .ascii,
            format: Format(timeZone: options.timeZone), keys: options.keys)
        view.notice = terminal.warnings.isEmpty ? nil : terminal.warnings.joined(separator: "; ")
        return run(on: terminal, renderer: renderer)
    }

    /// Runs the loop on `terminal` until the operator quits, a termination signal arrives or the
    /// inbox is closed.
    func run(on terminal: some DashboardTerminal, renderer: DashboardRenderer) -> Exit {
        var dirty = true
        var lastFrame = ContinuousClock.now - options.frameInterval
        var lastFrameSecond = 0
        var animating = false
        // Whether the last drain found events: while they flow, the loop wakes at the frame rate to
        // take them, instead of sleeping the idle interval after each frame.
        var streaming = false
        var layout = ScreenLayout(size: terminal.surface.size, focus: model.focus, maximized: model.maximized, shown: model.panes)
        while true {
            if let signal = SignalWatcher.pending { return .signal(signal) }
            let sinceFrame = ContinuousClock.now - lastFrame
            let wait = dirty || animating || streaming ? max(.milliseconds(1), options.frameInterval - sinceFrame) : options.idleInterval
            var keyed = false
            if let key = terminal.readKey(timeoutMilliseconds: Self.milliseconds(wait)) {
                var next: Key? = key
                // Take every key already typed before drawing (pastes, key repeat).
                while let pressed = next {
                    if handle(pressed, layout: layout, terminal: terminal) == .quit { return .quit }
                    next = terminal.readKey(timeoutMilliseconds: 0)
                }
                dirty = true
                keyed = true
            }
            if let reason = inbox.closeReason { return .closed(reason) }
            let batches = inbox.drain()
            model.ingest(batches)
            // Dropped notifications are still counted, and the stream pane says how many rows it skipped.
            let lost = batches.reduce(0) { $0 + $1.batch.dropped - ($1.batch.droppedNotifications?.total ?? 0) }
            if lost > 0 { (view.notice, view.noticeIsError) = ("\(lost) engine events were dropped: the screen fell behind", true) }
            if let notice = inbox.takeNotice() {
                (view.notice, view.noticeIsError) = (notice, true)
                dirty = true
            }
            streaming = !batches.isEmpty
            if streaming { dirty = true }
            let results = results.drain()
            for result in results { model.receive(result) }
            if !results.isEmpty { dirty = true }

            let now = Date()
            for command in model.tick(at: now) { start(command) }
            if !model.evaluateAlerts(at: now).isEmpty { dirty = true }
            let second = Int(now.timeIntervalSince1970)
            let frameDue = ContinuousClock.now - lastFrame >= options.frameInterval
            guard keyed || (frameDue && (dirty || animating || second != lastFrameSecond)) else { continue }
            layout = ScreenLayout(size: terminal.surface.size, focus: model.focus, maximized: model.maximized, shown: model.panes)
            if model.layout != layout.modelLayout { _ = model.apply(.layout(layout.modelLayout), at: now) }
            let snapshot = makeSnapshot(model, now)
            view.playback = options.playback?.progress
            terminal.beginFrame()
            renderer.render(snapshot, view: view, layout: layout, on: terminal.surface)
            terminal.endFrame()
            animating = Self.isAnimating(snapshot)
            lastFrame = ContinuousClock.now
            lastFrameSecond = second
            dirty = false
        }
    }

    /// Applies a key to the model (no snapshot: the next frame builds one) and performs the
    /// effects it asked for (no frame is being drawn then); returns `.quit` when it asks to quit.
    private func handle(_ key: Key, layout: ScreenLayout, terminal: some DashboardTerminal) -> KeyCommand? {
        let context = KeyBindings.Context(
            model: model, isHelpShown: view.showsHelp, pageRows: max(1, (layout.panes[model.focus]?.height ?? 3) - 2),
            isReplaying: options.playback != nil)
        view.notice = nil
        if key == .control("c") { return .quit }
        if var palette = view.palette {
            let outcome = palette.handle(key)
            view.palette = outcome == .open ? palette : nil
            guard case .choose(let item) = outcome else { return nil }
            return choose(item, on: terminal)
        }
        let commands: [KeyCommand]
        if case .mouse(let event) = key {
            commands = MouseRouting.commands(for: event, layout: layout, isDetailOpen: model.isDetailOpen, isHelpShown: view.showsHelp)
        } else if let key = options.keys.translate(key, in: context) {
            commands = KeyBindings.commands(for: key, in: context)
        } else {
            commands = []
        }
        for command in commands where perform(command, on: terminal) == .quit {
            return .quit
        }
        return nil
    }

    /// Does what a key command asks, and the effects its action asked for; returns `.quit`
    /// when it asks to quit.
    private func perform(_ command: KeyCommand, on terminal: some DashboardTerminal) -> KeyCommand? {
        switch command {
        case .quit: return .quit
        case .toggleHelp: view.showsHelp.toggle()
        case .closeHelp: view.showsHelp = false
        case .openPalette: view.palette = CommandPalette(items: options.palette)
        case .playback(let key):
            if let playback = options.playback { key.apply(to: playback) }
        case .action(let action):
            for command in model.apply(action, at: Date()) { start(command) }
            for effect in model.takeEffects() { perform(effect, on: terminal) }
        }
        return nil
    }

    /// Does what a palette item stands for.
    private func choose(_ item: PaletteItem, on terminal: some DashboardTerminal) -> KeyCommand? {
        switch item.choice {
        case .command(let command): return perform(command, on: terminal)
        case .filter(let text): return perform(.action(.applyFilterText(text)), on: terminal)
        case .server(let name):
            if let index = options.model.servers.firstIndex(of: name) { return perform(.action(.showServer(index)), on: terminal) }
            (view.notice, view.noticeIsError) = ("server \(name) is not on this dashboard: `mushroom dash \(name)` opens it", false)
            return nil
        }
    }

    /// Copies to the clipboard, writes an export, or shows a status sentence.
    private func perform(_ effect: DashboardEffect, on terminal: some DashboardTerminal) {
        switch effect {
        case .copy(let copy):
            terminal.copyToClipboard(copy.text)
            (view.notice, view.noticeIsError) = (copy.copiedSentence, false)
        case .export(let export):
            switch ExportWriter.write(export) {
            case .success(let path): (view.notice, view.noticeIsError) = (export.writtenSentence(to: path), false)
            case .failure(let failure): (view.notice, view.noticeIsError) = ("not exported: \(failure.description)", true)
            }
        case .status(let text, let isError):
            (view.notice, view.noticeIsError) = (text, isError)
        }
    }

    /// Performs `command` in a task of its own and posts its result, with its id, to the mailbox.
    private func start(_ command: EngineCommand) {
        let (perform, results) = (perform, results)
        // The operator is waiting for it: it must not queue behind background work.
        Task(priority: .userInitiated) { results.post(CommandResult(id: command.id, outcome: await perform(command))) }
    }

    /// Whether something on screen changes with time alone (countdowns, a reconnection timer).
    static func isAnimating(_ snapshot: DashboardSnapshot) -> Bool {
        if case .waitingToReconnect = snapshot.connection.state { return true }
        return snapshot.requests.rows.contains { row in
            if case .inFlight(let inFlight) = row.status { return inFlight.remaining != nil }
            return false
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.timeInterval * 1000)
    }
}
