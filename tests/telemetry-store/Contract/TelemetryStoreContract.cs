using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TelemetryStore.Writing;
using static ParkCommunity.TelemetryStore.Tests.Contract.KnownTelemetry;

namespace ParkCommunity.TelemetryStore.Tests.Contract;

/// <summary>
/// What every telemetry store must do, checked against known data with numbers worked out by hand.
/// One subclass per backend supplies a fresh, empty store for each test.
/// </summary>
public abstract class TelemetryStoreContract : IAsyncLifetime
{
    private ITelemetryWriter _writer = null!;
    private ITelemetryReader _reader = null!;

    /// <summary>A fresh, empty store; the subclass cleans it up in <see cref="DisposeStoreAsync"/>.</summary>
    protected abstract Task<(ITelemetryWriter Writer, ITelemetryReader Reader)> CreateStoreAsync();

    protected abstract Task DisposeStoreAsync();

    public async Task InitializeAsync()
    {
        (_writer, _reader) = await CreateStoreAsync();
        var result = await _writer.WriteAsync(Batch(), CancellationToken.None);
        Assert.Empty(result.Rejected);
    }

    public Task DisposeAsync() => DisposeStoreAsync();

    [Fact]
    public async Task LatestReturnsTheNewestPointOfEachDeviceWithEveryValueType()
    {
        var latest = await _reader.LatestAsync(SeriesFilter.All, CancellationToken.None);

        Assert.Equal(["light/l1", "light/l2", "light/l3", "park/p1"], latest.Select(p => $"{p.Kind}/{p.Device}"));
        var l1 = latest[0];
        Assert.Equal(("s1", "g1", "z1"), (l1.Site, l1.Grid, l1.Zone));
        Assert.Equal(T0.AddSeconds(150), l1.Timestamp);
        Assert.Equal(5, l1.Seq);
        Assert.Equal(new Dictionary<string, object> { ["power_w"] = 60.0, ["on"] = false, ["mode"] = "auto" }, l1.Values);
        var p1 = latest[3];
        Assert.Equal(T0.AddMinutes(2), p1.Timestamp);
        Assert.Null(p1.Seq);
        Assert.Equal(new Dictionary<string, object> { ["power_w"] = 3000.0, ["visitors"] = 4.0, ["irrigation_on"] = true }, p1.Values);
    }

    [Fact]
    public async Task RangeReturnsPointsOldestFirstUpToTheLimit()
    {
        var points = await _reader.RangeAsync(new SeriesFilter(Kind: "light"), ThreeMinutes, 4, CancellationToken.None);

        Assert.Equal(
            [(T0, "l1"), (T0, "l2"), (T0, "l3"), (T0.AddSeconds(30), "l1")],
            points.Select(p => (p.Timestamp, p.Device)));
        Assert.Equal(20.0, points[3].Values["power_w"]);
        Assert.Equal(1, points[3].Seq);
    }

    [Fact]
    public async Task RangeIsHalfOpenAndLeavesEventMeasurementsOut()
    {
        var points = await _reader.RangeAsync(SeriesFilter.All, new TimeRange(T0.AddSeconds(1), T0.AddSeconds(60)), 100, CancellationToken.None);

        Assert.Equal([(T0.AddSeconds(30), "l1"), (T0.AddSeconds(30), "l2"), (T0.AddSeconds(30), "l3")], points.Select(p => (p.Timestamp, p.Device)));
    }

    [Theory]
    [MemberData(nameof(Aggregates))]
    public async Task AggregateComputesEachFunctionPerWindowAndGroup(AggregateFunction function, GroupBy groupBy, string? kind, string expected)
    {
        var rows = await _reader.AggregateAsync(
            new AggregateQuery(new SeriesFilter(Kind: kind), "power_w", function, TimeSpan.FromMinutes(1), groupBy, ThreeMinutes), CancellationToken.None);

        Assert.Equal(expected, string.Join(" ", rows.Select(r => $"{(r.WindowStart - T0).TotalMinutes}:{r.Group}={Math.Round(r.Value, 3)}")));
    }

    public static TheoryData<AggregateFunction, GroupBy, string?, string> Aggregates() => new()
    {
        { AggregateFunction.Mean, GroupBy.Device, "light", "0:l1=15 0:l2=1.5 0:l3=150 1:l1=35 1:l2=3.5 1:l3=350 2:l1=55 2:l2=5.5 2:l3=550" },
        { AggregateFunction.Mean, GroupBy.Zone, null, "0:z1=343.333 0:z2=1.5 0:z3=150 1:z1=690 1:z2=3.5 1:z3=350 2:z1=1036.667 2:z2=5.5 2:z3=550" },
        { AggregateFunction.Sum, GroupBy.Grid, null, "0:g1=1033 0:g2=300 1:g1=2077 1:g2=700 2:g1=3121 2:g2=1100" },
        { AggregateFunction.Count, GroupBy.Zone, null, "0:z1=3 0:z2=2 0:z3=2 1:z1=3 1:z2=2 1:z3=2 2:z1=3 2:z2=2 2:z3=2" },
        { AggregateFunction.Min, GroupBy.Kind, null, "0:light=1 0:park=1000 1:light=3 1:park=2000 2:light=5 2:park=3000" },
        { AggregateFunction.Max, GroupBy.Device, "light", "0:l1=20 0:l2=2 0:l3=200 1:l1=40 1:l2=4 1:l3=400 2:l1=60 2:l2=6 2:l3=600" },
        { AggregateFunction.Last, GroupBy.Zone, null, "0:z1=20 0:z2=2 0:z3=200 1:z1=40 1:z2=4 1:z3=400 2:z1=60 2:z2=6 2:z3=600" },
        { AggregateFunction.Last, GroupBy.Grid, "light", "0:g1=20 0:g2=200 1:g1=40 1:g2=400 2:g1=60 2:g2=600" },
        { AggregateFunction.Sum, GroupBy.Kind, "park", "0:park=1000 1:park=2000 2:park=3000" },
    };

    [Fact]
    public async Task AggregateWindowsStartAtMultiplesOfTheWindowSinceTheEpoch()
    {
        // T0 + 30 s .. T0 + 150 s with 2-minute windows: T0 is a multiple of 2 minutes, so windows start at T0 and T0 + 2 min.
        var rows = await _reader.AggregateAsync(new AggregateQuery(
            new SeriesFilter(Kind: "light", Devices: ["l2"]), "power_w", AggregateFunction.Count, TimeSpan.FromMinutes(2), GroupBy.Device,
            new TimeRange(T0.AddSeconds(30), T0.AddMinutes(3))), CancellationToken.None);

        Assert.Equal([(T0, 3.0), (T0.AddMinutes(2), 2.0)], rows.Select(r => (r.WindowStart, r.Value)));
    }

    [Fact]
    public async Task CountIsTheExactNumberOfPointsLeavingEventsOut()
    {
        Assert.Equal(TelemetryPoints, await _reader.CountAsync(SeriesFilter.All, ThreeMinutes, CancellationToken.None));
        Assert.Equal(18, await _reader.CountAsync(new SeriesFilter(Kind: "light"), ThreeMinutes, CancellationToken.None));
        Assert.Equal(7, await _reader.CountAsync(SeriesFilter.All, new TimeRange(T0.AddMinutes(1), T0.AddMinutes(2)), CancellationToken.None));
        Assert.Equal(1, await _reader.CountAsync(new SeriesFilter(Kind: "light_events"), ThreeMinutes, CancellationToken.None));
    }

    [Fact]
    public async Task CountIsExactWhenPointsOfOneSeriesCarryDifferentFields()
    {
        var batch = new TelemetryBatch();
        var later = T0.AddHours(1);
        batch.Add(L1, Ms(later), null, [TelemetryField.OfNumber("lux", 3)]);
        batch.Add(L1, Ms(later.AddSeconds(1)), null, [TelemetryField.OfNumber("dim_pct", 40)]);
        batch.Add(L1, Ms(later.AddSeconds(2)), 9, [TelemetryField.OfBoolean("fault", false)]);
        Assert.Empty((await _writer.WriteAsync(batch, CancellationToken.None)).Rejected);

        Assert.Equal(3, await _reader.CountAsync(SeriesFilter.All, new TimeRange(later, later.AddMinutes(1)), CancellationToken.None));
    }

    [Fact]
    public async Task RewritingTheSameBatchChangesNothing()
    {
        var result = await _writer.WriteAsync(Batch(), CancellationToken.None);

        Assert.Empty(result.Rejected);
        Assert.Equal(TelemetryPoints, await _reader.CountAsync(SeriesFilter.All, ThreeMinutes, CancellationToken.None));
        var latest = await _reader.LatestAsync(new SeriesFilter(Devices: ["l1"]), CancellationToken.None);
        Assert.Equal(60.0, Assert.Single(latest).Values["power_w"]);
    }

    [Fact]
    public async Task ATypeConflictingPointIsRejectedAndTheRestOfTheBatchStored()
    {
        var at = T0.AddMinutes(3);
        var batch = new TelemetryBatch();
        batch.Add(L1, Ms(at), null, [TelemetryField.OfBoolean("power_w", true)]);
        batch.Add(L2, Ms(at), null, [TelemetryField.OfNumber("power_w", 7)]);
        batch.Add(L3, Ms(at), null, [TelemetryField.OfNumber("power_w", 700)]);

        var result = await _writer.WriteAsync(batch, CancellationToken.None);

        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(0, rejected.Index);
        Assert.Contains("\"power_w\"", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("conflict", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(2, await _reader.CountAsync(SeriesFilter.All, new TimeRange(at, at.AddMinutes(1)), CancellationToken.None));
    }

    [Fact]
    public async Task ConflictsOnDifferentFieldsInOneBatchAreEachRejected()
    {
        var at = T0.AddMinutes(3);
        var batch = new TelemetryBatch();
        batch.Add(L1, Ms(at), null, [TelemetryField.OfBoolean("power_w", true)]);
        batch.Add(L2, Ms(at), null, [TelemetryField.OfNumber("power_w", 7)]);
        batch.Add(L3, Ms(at), null, [TelemetryField.OfNumber("mode", 1)]);
        batch.Add(P1, Ms(at), null, [TelemetryField.OfNumber("visitors", 9)]);

        var result = await _writer.WriteAsync(batch, CancellationToken.None);

        Assert.Equal([0, 2], result.Rejected.Select(r => r.Index));
        Assert.Contains("\"mode\"", result.Rejected[1].Reason, StringComparison.Ordinal);
        var stored = await _reader.RangeAsync(SeriesFilter.All, new TimeRange(at, at.AddMinutes(1)), 10, CancellationToken.None);
        Assert.Equal(["l2", "p1"], stored.Select(p => p.Device));
    }

    [Theory]
    [InlineData("s1", null, null, null, "l1 l2 l3 p1")]
    [InlineData(null, "g1", null, null, "l1 l2 p1")]
    [InlineData(null, null, "z3", null, "l3")]
    [InlineData(null, null, null, "l2,p1", "l2 p1")]
    [InlineData(null, "g1", "z1", "l1,l2", "l1")]
    [InlineData("elsewhere", null, null, null, "")]
    [InlineData(null, null, null, "", "")]
    public async Task FiltersBySiteGridZoneAndDevices(string? site, string? grid, string? zone, string? devices, string expected)
    {
        var filter = new SeriesFilter(Site: site, Grid: grid, Zone: zone, Devices: devices?.Split(',', StringSplitOptions.RemoveEmptyEntries));

        var latest = await _reader.LatestAsync(filter, CancellationToken.None);
        var count = await _reader.CountAsync(filter, ThreeMinutes, CancellationToken.None);

        Assert.Equal(expected, string.Join(" ", latest.Select(p => p.Device)));
        Assert.Equal(latest.Sum(p => p.Kind == "park" ? 3 : 6), count);
    }

    [Fact]
    public async Task TagValuesWithQuotesAndBackslashFreeSymbolsAreMatchedLiterally()
    {
        var odd = new SeriesKey("light", "s'1", "g \"x\"", "zone, with = signs", "it's-1");
        var batch = new TelemetryBatch();
        batch.Add(odd, Ms(T0.AddHours(2)), 1, [TelemetryField.OfText("mode", "say \"hi\"\nthen 'bye'")]);
        Assert.Empty((await _writer.WriteAsync(batch, CancellationToken.None)).Rejected);

        var latest = await _reader.LatestAsync(new SeriesFilter(Site: "s'1", Grid: "g \"x\"", Zone: "zone, with = signs", Devices: ["it's-1"]), CancellationToken.None);

        var point = Assert.Single(latest);
        Assert.Equal(("s'1", "g \"x\"", "zone, with = signs", "it's-1"), (point.Site, point.Grid, point.Zone, point.Device));
        Assert.Equal("say \"hi\"\nthen 'bye'", point.Values["mode"]);
    }

    [Fact]
    public async Task BadQueriesAreRefusedWithAnArgumentError()
    {
        var backwards = new TimeRange(T0.AddMinutes(1), T0);
        await Assert.ThrowsAsync<ArgumentException>(() => _reader.CountAsync(SeriesFilter.All, backwards, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _reader.RangeAsync(SeriesFilter.All, ThreeMinutes, 0, CancellationToken.None));
        var subMillisecond = new AggregateQuery(SeriesFilter.All, "power_w", AggregateFunction.Mean, TimeSpan.FromTicks(10), GroupBy.Device, ThreeMinutes);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _reader.AggregateAsync(subMillisecond, CancellationToken.None));
        Assert.Contains("Window", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AveragingABooleanFieldIsRefusedWithAnError()
    {
        var query = new AggregateQuery(new SeriesFilter(Kind: "light"), "on", AggregateFunction.Mean, TimeSpan.FromMinutes(1), GroupBy.Device, ThreeMinutes);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _reader.AggregateAsync(query, CancellationToken.None));
    }
}
