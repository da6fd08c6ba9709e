import MushroomClient

/// The client's transport kinds, named apart from MushroomServer's `TransportKind` so that files
/// importing both modules can name them.
typealias ClientTransportKind = TransportKind
