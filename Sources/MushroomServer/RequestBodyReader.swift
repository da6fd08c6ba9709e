import Hummingbird

/// Reads a request body into memory, refusing one larger than the limit before buffering it:
/// a declared `Content-Length` over the limit is refused without reading, and reading stops as
/// soon as the limit is passed.
struct RequestBodyReader {
    /// The body could not be read; `response` tells the client why.
    struct Refused: Error {
        let response: Response
    }

    let limit: Int

    /// Reads the body of `request`; `what` names it in the refusal ("poll body").
    func read(_ request: Request, what: String) async throws(Refused) -> [UInt8] {
        let tooLarge = Refused(response: HTTPAnswer.error(.contentTooLarge, "\(what) refused: the body exceeds the limit of \(limit) bytes"))
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit { throw tooLarge }
        var bytes: [UInt8] = []
        do {
            for try await buffer in request.body {
                guard bytes.count + buffer.readableBytes <= limit else { throw tooLarge }
                bytes.append(contentsOf: buffer.readableBytesView)
            }
        } catch let refused as Refused {
            throw refused
        } catch {
            throw Refused(response: HTTPAnswer.error(.badRequest, "the \(what) could not be read: \(error)"))
        }
        return bytes
    }
}
