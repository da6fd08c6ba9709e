import ArgumentParser
import DashboardModel
import MushroomCommandLine

/// The options of the dashboard itself, shared by `dash` and `demo`: how it looks and how much
/// of the stream it keeps.
struct DashboardOptions: ParsableArguments {
    @Option(help: "A theme name (dark, light, high-contrast, mono) or the path of a theme file.")
    var theme = "dark"

    @Option(
        help: """
            The notifications the stream keeps, from \(DashboardConfiguration.streamCapacityRange.lowerBound) to \
            \(DashboardConfiguration.streamCapacityRange.upperBound) (default: \(DashboardConfiguration().streamCapacity); about \
            300 bytes each for a small one).
            """,
        transform: ArgumentConversion.integer(in: DashboardConfiguration.streamCapacityRange))
    var history = DashboardConfiguration().streamCapacity

    /// The model's bounds these options choose.
    var model: DashboardConfiguration {
        var model = DashboardConfiguration()
        model.streamCapacity = history
        return model
    }
}
