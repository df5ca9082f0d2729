using ParkCommunity.Simulators.Faults;
using ParkCommunity.Simulators.Scenarios;
using ParkCommunity.Simulators.Tests.Support;

namespace ParkCommunity.Simulators.Tests.Scenarios;

public sealed class ScenarioLoaderTests
{
    private const string Day = """
        # A December evening in tianfu-park
        start: 2025-12-21T17:00:00+08:00
        seed: 7
        faults:
          - fault: lamp_failure
            devices: [light-0001, light-0002]
            at: 3h
            for: 2h
          - fault: malformed
            device: park-0001
            at: 30m
            rate: 0.25
        """;

    [Fact]
    public void AScenarioScriptsStartSeedAndFaults()
    {
        var scenario = ScenarioLoader.Parse(Day, "day.yaml");

        Assert.Equal(TestDevices.Local(2025, 12, 21, 17), scenario.Start);
        Assert.Equal(7, scenario.Seed);
        Assert.Collection(scenario.Faults,
            f =>
            {
                Assert.Equal(FaultKind.LampFailure, f.Kind);
                Assert.Equal(["light-0001", "light-0002"], f.Devices);
                Assert.Equal((TimeSpan.FromHours(3), TimeSpan.FromHours(2)), (f.At, f.For!.Value));
            },
            f => Assert.Equal((FaultKind.Malformed, 0.25, (TimeSpan?)null), (f.Kind, f.Parameters.Rate, f.For)));
    }

    [Theory]
    [InlineData("faults:\n  - fault: lamp_fail\n    devices: [light-0001]\n", "bad.yaml:2: unknown fault 'lamp_fail'")]
    [InlineData("faults:\n  - fault: drift\n    devices: park-0001\n    for: soon\n", "bad.yaml:2: for 'soon' is not a duration")]
    [InlineData("seed: 1\nfaults:\n  - fault: flood\n    device: x\n    colour: red\n", "bad.yaml:5: unknown fault setting 'colour'")]
    [InlineData("faults:\n  - fault: flood\n   devices: [x\n", "bad.yaml:3: not valid YAML")]
    [InlineData("start: tomorrow\n", "bad.yaml:1: start 'tomorrow' is not a date")]
    [InlineData("faults:\n  - fault: malformed\n    device: x\n    rate: 3\n", "bad.yaml:2: rate must be a number")]
    public void ABadScenarioIsReportedWithItsLine(string yaml, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "bad.yaml"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFaultNamingNoSimulatedDeviceIsAnErrorWithItsSource()
    {
        var scenario = ScenarioLoader.Parse("faults:\n  - fault: silent\n    devices: [light-9*]\n", "s.yaml");

        var error = Assert.Throws<ScenarioException>(() => FaultSchedule.Resolve(scenario.Faults, TestDevices.Many("light", 3), FaultRunStart));
        Assert.Equal("s.yaml:2: 'light-9*' matches no simulated device", error.Message);
    }

    [Fact]
    public void ALightFaultOnAParkDeviceIsAnError()
    {
        var error = Assert.Throws<ScenarioException>(() =>
            FaultSchedule.Resolve([FaultPlanReader.FromCommandLine("flicker:park-0001")], TestDevices.Many("park", 1), FaultRunStart));

        Assert.Contains("flicker applies to light devices only", error.Message, StringComparison.Ordinal);
    }

    private static DateTimeOffset FaultRunStart => TestDevices.Local(2025, 6, 1, 0);
}
