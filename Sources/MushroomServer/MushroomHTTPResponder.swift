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

    private func bootstrap(_ request: Request, context: MushroomRequestContext) async -> Response {
        let bootstrap: BootstrapRequest
        do {
            let body = try await RequestBodyReader(limit: configuration.maximumMessageSize).read(request, what: "bootstrap body")
            bootstrap = try BootstrapRequest(body: body)
        } catch let error as RequestBodyReader.Refused {
            return error.response
        } catch let error as BootstrapRequest.Invalid {
            return HTTPAnswer.error(.badRequest, error.description)
        } catch {
            return HTTPAnswer.error(.badRequest, "the bootstrap body could not be read: \(error)")
        }
        guard let transport = bootstrap.chosenTransport else {
            let offered = bootstrap.transports.map { "\"\($0)\"" }.joined(separator: ", ")
            return HTTPAnswer.error(.notImplemented, "none of the offered transports [\(offered)] is supported; this server speaks \"ws\" and \"poll\"")
        }
        guard await sessionHandler.authenticate(bootstrap.auth, transport: transport) else {
            return HTTPAnswer.error(.unauthorized, "authentication failed", headers: [.wwwAuthenticate: "Mushroom"])
        }
        let authority: String
        do {
            authority = try SessionURLAuthority.authority(host: request.head.authority, localAddress: context.localAddress)
        } catch {
            return HTTPAnswer.error(.badRequest, error.description)
        }
        let session: Session
        do {
            session = try await sessions.create(transport: transport, auth: bootstrap.auth, remoteAddress: context.remoteAddress)
        } catch {
            return HTTPAnswer.error(error.status, error.description)
        }
        let url = "\(scheme(for: transport, request: request))://\(authority)\(configuration.normalizedBasePath)/\(session.id)/"
        return HTTPAnswer.json(["transport": .string(transport.rawValue), "url": .string(url)])
    }

    /// The scheme of a session URL: the secure one when the server serves TLS, or a trusted proxy
    /// says the client came over TLS (`X-Forwarded-Proto: https`, heeded only with
    /// `trustsForwardedProto`).
    private func scheme(for transport: TransportKind, request: Request) -> String {
        let forwardedProto = request.headers.first { $0.name.canonicalName == "x-forwarded-proto" }?.value
        let secure = configuration.tls != nil || (configuration.trustsForwardedProto && forwardedProto?.lowercased() == "https")
        return switch transport {
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
