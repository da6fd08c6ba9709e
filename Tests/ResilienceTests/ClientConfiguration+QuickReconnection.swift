import Logging
import MushroomClient

extension ClientConfiguration {
    /// Quick reconnection and quiet logs, for tests that break connections on purpose.
    static var quickReconnection: ClientConfiguration {
        var configuration = ClientConfiguration()
        configuration.backoff = ReconnectBackoff(initialDelay: .milliseconds(20), maximumDelay: .milliseconds(200))
        configuration.logger = Logger(label: "resilience.client")
        configuration.logger.logLevel = .critical
        return configuration
    }
}
