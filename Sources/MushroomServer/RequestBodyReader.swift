import Hummingbird

/// Reads a request body into memory, refusing one larger than the limit before buffering it:
/// a declared `Content-Length` over the limit is refused without reading, and reading stops as
/// soon as the limit is passed.
struct RequestBodyReader {
    /// The body was larger than the limit.
    struct TooLarge: Error, CustomStringConvertible {
        let limit: Int
        var description: String { "the body exceeds the limit of \(limit) bytes" }
    }

    let limit: Int

    func read(_ request: Request) async throws -> [UInt8] {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw TooLarge(limit: limit)
        }
        var bytes: [UInt8] = []
        for try await buffer in request.body {
            guard bytes.count + buffer.readableBytes <= limit else { throw TooLarge(limit: limit) }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return bytes
    }
}
