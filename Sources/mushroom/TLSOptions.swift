import ArgumentParser
import MushroomClient

/// The `--cacert` option of the commands that connect to a server: which certificate
/// authorities an https server's certificate must come from.
struct TLSOptions: ParsableArguments {
    @Option(help: "A PEM file of the certificate authorities to trust for https and wss instead of the system's store.")
    var cacert: String?

    /// The trust `--cacert` asks for; an unusable file is a usage error naming it.
    func trust() throws -> TLSTrust {
        guard let cacert else { return .systemStore }
        do {
            return try TLSTrust(certificateAuthorityFile: cacert)
        } catch {
            throw CommandFailure.usage("\(error)")
        }
    }
}
