/// A broadcast notification's method, data and position, and the frame they make after the id,
/// encoded once and shared by every peer's copy (`Message.Notification(broadcasting:data:position:)`).
final class SharedBroadcast: Sendable {
    let method: String
    let data: JSONValue
    let position: StreamPosition?
    /// `"method",data]` (or `"method",data,position]`).
    let encodedTail: [UInt8]

    init(method: String, data: JSONValue, position: StreamPosition?) {
        self.method = method
        self.data = data
        self.position = position
        var writer = JSONWriter(indent: nil)
        writer.write(.string(method))
        writer.append(UInt8(ascii: ","))
        writer.write(data)
        if let position {
            writer.append(UInt8(ascii: ","))
            writer.write(position.json)
        }
        writer.append(UInt8(ascii: "]"))
        encodedTail = writer.output
    }
}
