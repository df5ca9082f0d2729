using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TelemetryStore.Tests.Contract;
using ParkCommunity.TelemetryStore.Tests.Support;
using ParkCommunity.TelemetryStore.Writing;
using ParkCommunity.TestSupport;

namespace ParkCommunity.TelemetryStore.Tests.Sqlite;

/// <summary>What only the embedded store does: its file, and keeping types across restarts.</summary>
public sealed class SqliteStoreBehaviourTests : IDisposable
{
    private readonly TempDirectory _folder = new("pc-telemetry");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task AStoreThatCannotCreateItsFileFailsToPrepareNamingThePath()
    {
        var blocker = _folder.File("not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");
        using var store = StoreFactory.Sqlite(Path.Combine(blocker, "telemetry.db"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.PrepareAsync(CancellationToken.None));

        Assert.Contains(Path.Combine(blocker, "telemetry.db"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FieldTypesAndDataSurviveReopeningTheFile()
    {
        var path = _folder.File("telemetry.db");
        using (var first = StoreFactory.Sqlite(path))
        {
            await first.WriteAsync(KnownTelemetry.Batch(), CancellationToken.None);
        }

        using var second = StoreFactory.Sqlite(path);
        var batch = new TelemetryBatch();
        batch.Add(KnownTelemetry.L1, KnownTelemetry.Ms(KnownTelemetry.T0.AddHours(1)), null, [TelemetryField.OfText("power_w", "high")]);

        var result = await second.WriteAsync(batch, CancellationToken.None);

        Assert.Equal(
            "field type conflict: input field \"power_w\" on measurement \"light\" is type string, already exists as type float",
            Assert.Single(result.Rejected).Reason);
        Assert.Equal(KnownTelemetry.TelemetryPoints, await second.CountAsync(SeriesFilter.All, KnownTelemetry.ThreeMinutes, CancellationToken.None));
    }

    [Fact]
    public async Task ReadsWorkWithoutPreparingFirstAsCommandLineToolsUseTheStore()
    {
        using var store = StoreFactory.Sqlite(_folder.File("fresh.db"));

        Assert.Empty(await store.LatestAsync(SeriesFilter.All, CancellationToken.None));
        Assert.True(File.Exists(_folder.File("fresh.db")));
    }

    [Fact]
    public async Task ALargeBatchIsStoredInFull()
    {
        using var store = StoreFactory.Sqlite(_folder.File("large.db"));
        var batch = new TelemetryBatch(20_000);
        var series = Enumerable.Range(0, 200).Select(i => new SeriesKey("light", "s1", "g1", "z1", $"l{i}")).ToArray();
        for (var i = 0; i < 20_000; i++)
        {
            batch.Add(series[i % 200], 1_700_000_000_000 + (i / 200 * 1000), i, [TelemetryField.OfNumber("power_w", i), TelemetryField.OfBoolean("on", true)]);
        }

        var result = await store.WriteAsync(batch, CancellationToken.None);

        Assert.Empty(result.Rejected);
        var all = new TimeRange(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_100_000));
        Assert.Equal(20_000, await store.CountAsync(SeriesFilter.All, all, CancellationToken.None));
    }
}
