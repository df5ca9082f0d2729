using System.Net.Http.Json;
using System.Text.Json;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.DashboardApi.Tests.Support;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.DashboardApi.Tests.OpenData;

/// <summary>The public figures, without signing in, over points in the real SQLite store.</summary>
public sealed class OpenDataTests : IAsyncLifetime, IDisposable
{
    private readonly DashboardFactory _factory = new();

    public async Task InitializeAsync()
    {
        var writer = _factory.Service<ITelemetryWriter>();
        var now = DashboardFactory.Start; // 13:00 in Chengdu (UTC+8)
        await Seed.PointAsync(writer, "parking", "north", "north-carpark", "parking-n-001", now.AddMinutes(-1), TelemetryField.OfBoolean("occupied", true));
        await Seed.PointAsync(writer, "parking", "north", "north-carpark", "parking-n-002", now.AddMinutes(-2), TelemetryField.OfBoolean("occupied", false));
        await Seed.PointAsync(writer, "parking", "north", "north-carpark", "parking-n-003", now.AddMinutes(-3), TelemetryField.OfBoolean("occupied", true));
        // Silent for a day: says nothing about the space now.
        await Seed.PointAsync(writer, "parking", "north", "north-carpark", "parking-n-004", now.AddDays(-1), TelemetryField.OfBoolean("occupied", true));

        // Two poles in north-park: 10 and 20 people in the 03:00Z hour (11:00 local), 5 and 5 in the 04:00Z hour.
        await Seed.PointAsync(writer, "park", "north", "north-park", "park-n-01", now.AddHours(-2).AddMinutes(10), TelemetryField.OfNumber("visitors", 8));
        await Seed.PointAsync(writer, "park", "north", "north-park", "park-n-01", now.AddHours(-2).AddMinutes(40), TelemetryField.OfNumber("visitors", 12));
        await Seed.PointAsync(writer, "park", "north", "north-park", "park-n-02", now.AddHours(-2).AddMinutes(10), TelemetryField.OfNumber("visitors", 20));
        await Seed.PointAsync(writer, "park", "north", "north-park", "park-n-01", now.AddHours(-1).AddMinutes(10), TelemetryField.OfNumber("visitors", 5));
        await Seed.PointAsync(writer, "park", "north", "north-park", "park-n-02", now.AddHours(-1).AddMinutes(10), TelemetryField.OfNumber("visitors", 5));

        // Lamps in grid south: 100 W for the 03:00Z hour and 50 W for the 04:00Z hour → 0.15 kWh; one lamp the local day before.
        await Seed.PointAsync(writer, "light", "south", "south-street", "light-s-001", now.AddHours(-2).AddMinutes(5), TelemetryField.OfNumber("power_w", 100));
        await Seed.PointAsync(writer, "light", "south", "south-street", "light-s-001", now.AddHours(-1).AddMinutes(5), TelemetryField.OfNumber("power_w", 50));
        await Seed.PointAsync(writer, "light", "south", "south-street", "light-s-002", now.AddHours(-14), TelemetryField.OfNumber("power_w", 2000));

        // Access points and their events must never show.
        await Seed.PointAsync(writer, "access", "north", "north-entrances", "access-n-01", now.AddMinutes(-1), TelemetryField.OfBoolean("door_open", true), TelemetryField.OfNumber("entries", 3));
        await Seed.PointAsync(writer, "access_events", "north", "north-entrances", "access-n-01", now.AddMinutes(-1),
            TelemetryField.OfText("type", "door_forced"), TelemetryField.OfText("data", "{\"card\":\"p-4711\"}"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ParkingShowsFreeSpacesPerZoneFromFreshReadings()
    {
        var zones = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/open/parking");
        var north = zones.EnumerateArray().Single(z => z.GetProperty("zone").GetString() == "north-carpark");

        Assert.Equal(3, zones.GetArrayLength());
        Assert.Equal("Residents' car park", north.GetProperty("zoneName").GetString());
        Assert.Equal(3, north.GetProperty("spaces").GetInt32());
        Assert.Equal(2, north.GetProperty("occupied").GetInt32());
        Assert.Equal(1, north.GetProperty("free").GetInt32());
        Assert.Equal(DashboardFactory.Start.AddMinutes(-1), north.GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task ParkVisitorsAreThePeakNumberPresentPerLocalDay()
    {
        var days = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/open/park-visitors?days=7");

        var row = Assert.Single(days.EnumerateArray());
        Assert.Equal("2026-11-29", row.GetProperty("date").GetString());
        Assert.Equal("north-park", row.GetProperty("zone").GetString());
        Assert.Equal(30, row.GetProperty("visitors").GetInt64());
    }

    [Fact]
    public async Task LightingEnergyIsKilowattHoursPerGridAndLocalDay()
    {
        var days = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/open/lighting-energy?days=2");

        Assert.Equal(
            [("2026-11-28", "south", 2.0), ("2026-11-29", "south", 0.15)],
            days.EnumerateArray().Select(d => (d.GetProperty("date").GetString(), d.GetProperty("grid").GetString(), d.GetProperty("kwh").GetDouble())));
    }

    [Theory]
    [InlineData("/api/open/parking")]
    [InlineData("/api/open/park-visitors")]
    [InlineData("/api/open/lighting-energy")]
    public async Task PublicAnswersHoldNoAccessPointIdAndNoEventData(string path)
    {
        var body = await _factory.CreateClient().GetStringAsync(path);

        Assert.DoesNotContain("access-", body, StringComparison.Ordinal);
        Assert.DoesNotContain("door_forced", body, StringComparison.Ordinal);
        Assert.DoesNotContain("p-4711", body, StringComparison.Ordinal);
        Assert.DoesNotContain("-n-0", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadDayCountIsA400()
    {
        await Problems.AssertFieldAsync(await _factory.CreateClient().GetAsync("/api/open/park-visitors?days=0"), "days", "from 1 to 400");
        await Problems.AssertFieldAsync(await _factory.CreateClient().GetAsync("/api/open/lighting-energy?days=ten"), "days", "from 1 to 400");
    }
}
