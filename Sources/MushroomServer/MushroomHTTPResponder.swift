import Hummingbird
import MushroomRPC

/// The HTTP surface under the base path: the bootstrap endpoint, the session URLs of long-poll
/// sessions, and the answer to a WebSocket upgrade `SessionChannel` refused (`404` for no live
/// session, `400` for a long-poll session, with `Connection: close`).
struct MushroomHTTPResponder: HTTPResponder {
    typealias Context = MushroomRequestContext

    let sessions: SessionList
    let sessionHandler: any SessionHandler
    let configuration: MushroomServerConfiguration

    func respond(to request: Request, context: MushroomRequestContext) async throws -> Response {
        var response = await answer(request, context: context)
        // A refused upgrade's connection closes: its client was about to speak WebSocket on it.
        if request.headers[.upgrade] != nil { response.headers[.connection] = "close" }
        return response
    }

    private func answer(_ request: Request, context: MushroomRequestContext) async -> Response {
        let base = configuration.normalizedBasePath
        let path = request.uri.path
        guard path == base || path.hasPrefix(base + "/") else {
            return HTTPAnswer.error(.notFound, "nothing here: the mushroom endpoint is \(base)/")
        }
        let segments = path.dropFirst(base.count).split(separator: "/")
        switch segments.count {
        case 0:
            guard request.method == .post else {
                return HTTPAnswer.methodNotAllowed(request.method, allowed: "POST", what: "the bootstrap endpoint")
            }
            return await bootstrap(request, context: context)
        case 1:
            return await sessionRequest(request, id: String(segments[0]))
        default:
            return HTTPAnswer.error(.notFound, "nothing here: session URLs are \(base)/SESSION_ID/")
        }
    }

    /// Answers a bootstrap request, and counts how it ended.
    private func bootstrap(_ request: Request, context: MushroomRequestContext) async -> Response {
        let (response, outcome) = await answerBootstrap(request, context: context)
        sessions.metrics?.recordBootstrap(outcome)
        return response
    }

    private func answerBootstrap(_ request: Request, context: MushroomRequestContext) async -> (Response, BootstrapOutcome) {
        let bootstrap: BootstrapRequest
        do {
            let body = try await RequestBodyReader(limit: configuration.maximumMessageSize).read(request, what: "bootstrap body")
            bootstrap = try BootstrapRequest(body: body)
        } catch let error as RequestBodyReader.Refused {
            return (error.response, .invalid)
        } catch let error as BootstrapRequest.Invalid {
            return (HTTPAnswer.error(.badRequest, error.description), .invalid)
        } catch {
            return (HTTPAnswer.error(.badRequest, "the bootstrap body could not be read: \(error)"), .invalid)
        }
        guard let transport = bootstrap.chosenTransport else {
            let offered = bootstrap.transports.map { "\"\($0)\"" }.joined(separator: ", ")
            return (
                HTTPAnswer.error(.notImplemented, "none of the offered transports [\(offered)] is supported; this server speaks \"ws\" and \"poll\""),
                .unsupportedTransport
            )
        }
        guard await sessionHandler.authenticate(bootstrap.auth, transport: transport) else {
            return (HTTPAnswer.error(.unauthorized, "authentication failed", headers: [.wwwAuthenticate: "Mushroom"]), .unauthorized)
        }
        let base: String
        do {
            base = try sessionURLBase(for: transport, request: request, context: context)
        } catch {
            return (HTTPAnswer.error(.badRequest, error.description), .invalid)
        }
        let session: Session
        do {
            session = try await sessions.create(
                transport: transport, auth: bootstrap.auth, remoteAddress: context.remoteAddress, subscription: bootstrap.subscription)
        } catch {
            return (HTTPAnswer.error(error.status, error.description), BootstrapOutcome(error))
        }
        var answer: [String: JSONValue] = ["transport": .string(transport.rawValue), "url": .string("\(base)/\(session.id)/")]
        if let subscription = bootstrap.subscription {
            answer["subscription"] = await sessions.join(session, subscription).json(patterns: subscription.patterns)
        }
        return (HTTPAnswer.json(.object(answer)), .created)
    }

    /// A session URL up to its id: the advertised URL's when there is one, else the address the
    /// bootstrap came to and the base path.
    private func sessionURLBase(for transport: TransportKind, request: Request, context: MushroomRequestContext) throws(SessionURLAuthority.Invalid) -> String {
        if let advertised = configuration.advertisedURL {
            return "\(scheme(for: transport, secure: advertised.isSecure))://\(advertised.authority)\(advertised.path)"
        }
        let authority = try SessionURLAuthority.authority(host: request.head.authority, localAddress: context.localAddress)
        return "\(scheme(for: transport, request: request))://\(authority)\(configuration.normalizedBasePath)"
    }

    /// The scheme of a session URL: the secure one when the server serves TLS, or a trusted proxy
    /// says the client came over TLS (`X-Forwarded-Proto: https`, heeded only with
    /// `trustsForwardedProto`).
    private func scheme(for transport: TransportKind, request: Request) -> String {
        let forwardedProto = request.headers.first { $0.name.canonicalName == "x-forwarded-proto" }?.value
        return scheme(for: transport, secure: configuration.tls != nil || (configuration.trustsForwardedProto && forwardedProto?.lowercased() == "https"))
    }

    private func scheme(for transport: TransportKind, secure: Bool) -> String {
        switch transport {
        case .webSocket: secure ? "wss" : "ws"
        case .poll: secure ? "https" : "http"
        }
    }

    private func sessionRequest(_ request: Request, id: String) async -> Response {
        guard SessionID.isWellFormed(id), let session = sessions.session(id: id) else {
            return HTTPAnswer.error(.notFound, HTTPAnswer.unknownSession(id))
        }
        switch (session.transport, request.method) {
        case (.poll, _) where request.headers[.upgrade] != nil:
            return HTTPAnswer.error(.badRequest, HTTPAnswer.pollSessionUpgraded(id))
        case (.poll, .post):
            return await LongPollExchange(session: session, sessions: sessions, configuration: configuration).respond(to: request)
        case (.poll, _):
            return HTTPAnswer.methodNotAllowed(request.method, allowed: "POST", what: "a long-poll session")
        case (.webSocket, _):
            return HTTPAnswer.error(.badRequest, "session '\(id)' uses the WebSocket transport: open it with a WebSocket upgrade")
        }
    }
}
