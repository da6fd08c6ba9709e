import Testing

/// The soak's environment variables: defaults, and a clear error for a value it cannot use.
@Suite struct SoakSettingsTests {
    @Test func defaultsToSixtySecondsAndTwentyFourClients() throws {
        let settings = try SoakSettings.fromEnvironment([:])
        #expect(settings.duration == .seconds(60))
        #expect(settings.warmUp == .seconds(15))
        #expect(settings.churningClients == 24)
    }

    @Test func longerRunsKeepAFifteenSecondWarmUp() throws {
        let settings = try SoakSettings.fromEnvironment(["MUSHROOM_SOAK_SECONDS": "600", "MUSHROOM_SOAK_CLIENTS": "32"])
        #expect(settings.duration == .seconds(600))
        #expect(settings.warmUp == .seconds(15))
        #expect(settings.churningClients == 32)
    }

    @Test(arguments: [
        ("MUSHROOM_SOAK_SECONDS", "ten"), ("MUSHROOM_SOAK_SECONDS", "0"), ("MUSHROOM_SOAK_CLIENTS", "-3"),
    ])
    func aValueThatIsNotAPositiveIntegerIsRefused(name: String, value: String) {
        #expect(throws: InvalidSoakSetting(description: "\(name) must be a positive integer, got '\(value)'")) {
            try SoakSettings.fromEnvironment([name: value])
        }
    }
}
