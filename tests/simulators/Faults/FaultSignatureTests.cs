using ParkCommunity.Simulators.Tests.Support;

namespace ParkCommunity.Simulators.Tests.Faults;

/// <summary>Each fault shows its documented signature exactly inside the window the ground-truth log reports.</summary>
public sealed class FaultSignatureTests
{
    private static readonly ParkCommunity.SiteRegistry.RegisteredDevice Light = TestDevices.Device("light-0007", "light");
    private static readonly ParkCommunity.SiteRegistry.RegisteredDevice Park = TestDevices.Device("park-0002", "park");
    private static readonly ParkCommunity.SiteRegistry.RegisteredDevice Door = TestDevices.Device("access-0003", "access");

    [Fact]
    public void TheGroundTruthNamesDeviceFaultAndWindowInSimulatedTime()
    {
        var run = FaultRun.Of(Light, "lamp_failure:light-0007:at=2h:for=3h");

        Assert.Equal(new("light-0007", "light", "lamp_failure", FaultRun.Start.AddHours(2), FaultRun.Start.AddHours(5)), run.Entry);
    }

    [Fact]
    public void LampFailureReportsOnWithoutPower()
    {
        var run = FaultRun.Of(Light, "lamp_failure:light-0007:at=2h:for=3h");

        Assert.All(run.Inside, t => Assert.True(t.Reading.Flag("on") && t.Reading.Number("power_w") == 0));
        Assert.All(run.Outside, t => Assert.True(t.Reading.Number("power_w") > 20, "lit all night outside the failure"));
    }

    [Fact]
    public void FlickerAlternatesOnBetweenReadings()
    {
        var run = FaultRun.Of(Light, "flicker:light-0007:at=1h:for=1h");

        var states = run.Inside.Select(t => t.Reading.Flag("on")).ToList();
        Assert.Equal(12, states.Count);
        Assert.All(states.Zip(states.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.All(run.Outside, t => Assert.True(t.Reading.Flag("on")));
    }

    [Fact]
    public void AStuckSensorRepeatsTheReadingTakenWhenItStuck()
    {
        var run = FaultRun.Of(Park, "stuck_sensor:park-0002:at=1h:for=2h");

        var inside = run.Inside.Select(t => string.Join(",", t.Reading.Values.Select(v => $"{v.Key}={v.Value}"))).ToList();
        Assert.Single(inside.Distinct());
        var outside = run.Outside.Select(t => t.Reading.Number("pm25_ugm3")).ToList();
        Assert.True(outside.Distinct().Count() > outside.Count / 2, "outside the fault the values move");
    }

    [Fact]
    public void DriftAddsAnOffsetGrowingWithTime()
    {
        var clean = FaultRun.Of(Park, TimeSpan.FromHours(12));
        var run = FaultRun.Of(Park, "drift:park-0002:at=2h:for=4h:per_hour=10");

        var offsets = run.Ticks.Zip(clean.Ticks, (f, c) => (f.At, Offset: f.Reading.Number("pm25_ugm3") - c.Reading.Number("pm25_ugm3"))).ToList();
        Assert.All(offsets.Where(o => run.Inside.Any(t => t.At == o.At)),
            o => Assert.Equal(10 * (o.At - run.Entry.Start).TotalHours, o.Offset, precision: 1));
        Assert.All(offsets.Where(o => run.Outside.Any(t => t.At == o.At)), o => Assert.Equal(0, o.Offset, precision: 6));
    }

    [Fact]
    public void ASilentDevicePublishesNothingThenContinuesItsSequence()
    {
        var run = FaultRun.Of(Park, "silent:park-0002:at=1h:for=1h");

        Assert.All(run.Inside, t => Assert.Empty(t.Messages));
        var seqs = run.Outside.Select(t => t.Reading.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
    }

    [Fact]
    public void ClockSkewShiftsTimestampsBySkew()
    {
        var run = FaultRun.Of(Park, "clock_skew:park-0002:at=1h:for=1h:skew=-7m");

        Assert.All(run.Inside, t => Assert.Equal(t.At.AddMinutes(-7).ToUnixTimeMilliseconds(), t.Reading.Ts));
        Assert.All(run.Outside, t => Assert.Equal(t.At.ToUnixTimeMilliseconds(), t.Reading.Ts));
    }

    [Fact]
    public void ADoorHeldOpenStaysOpenAndRaisesOneEventWithACard()
    {
        var run = FaultRun.Of(Door, "door_held_open:access-0003:at=3h:for=30m");

        Assert.All(run.Inside, t => Assert.True(t.Reading.Flag("door_open")));
        var events = run.Inside.SelectMany(t => t.Events).Where(e => e.Contains("door_held_open", StringComparison.Ordinal)).ToList();
        Assert.Matches("\"card_id\":\"card-\\d{5}\"", Assert.Single(events));
        Assert.DoesNotContain(run.Outside.SelectMany(t => t.Events), e => e.Contains("door_held_open", StringComparison.Ordinal));
    }

    [Fact]
    public void AForcedDoorRaisesOneDoorForcedEvent()
    {
        var run = FaultRun.Of(Door, "door_forced:access-0003:at=3h:for=5m");

        Assert.Contains("\"type\":\"door_forced\"", Assert.Single(run.Inside.SelectMany(t => t.Events), e => e.Contains("door_forced", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.True(Assert.Single(run.Inside).Reading.Flag("door_open"));
    }

    [Fact]
    public void AFloodingDevicePublishesFactorTimesItsRateWithDistinctPoints()
    {
        var run = FaultRun.Of(Light, "flood:light-0007:at=1h:for=30m:factor=25");

        Assert.All(run.Inside, t =>
        {
            var points = t.Telemetry.Select(Payload.Parse).ToList();
            Assert.Equal(25, points.Count);
            Assert.Equal(25, points.Select(p => p.Ts).Distinct().Count());
        });
        Assert.All(run.Outside, t => Assert.Single(t.Telemetry));
    }

    [Fact]
    public void MalformedPayloadsAppearOnlyInsideTheWindowAtRoughlyTheRate()
    {
        var run = FaultRun.Of(Park, TimeSpan.FromHours(24), "malformed:park-0002:at=2h:for=10h:rate=0.5");

        var inside = run.Inside.SelectMany(t => t.Telemetry).ToList();
        var broken = inside.Where(m => !IsContractPayload(m.Payload)).ToList();
        Assert.InRange(broken.Count, inside.Count * 0.3, inside.Count * 0.7);
        Assert.All(broken, m => Assert.True(m.Malformed));
        Assert.All(run.Outside.SelectMany(t => t.Telemetry), m => Assert.True(IsContractPayload(m.Payload)));
    }

    [Fact]
    public void AFaultWithoutEndLastsUntilTheRunStopsAndIsLoggedWithoutEnd()
    {
        var run = FaultRun.Of(Park, TimeSpan.FromHours(2), "silent:park-0002:at=1h");

        Assert.Null(run.Entry.End);
        Assert.Equal(12, run.Inside.Count());
    }

    private static bool IsContractPayload(byte[] payload)
    {
        try
        {
            var parsed = Payload.Parse(payload);
            return parsed.Values.Count > 0 && parsed.Values.Keys.All(k => System.Text.RegularExpressions.Regex.IsMatch(k, "^[a-z][a-z0-9_]{0,63}$"));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return false;
        }
    }
}
