using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.DashboardApi.Tests.Support;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.DashboardApi.Tests.Registry;

/// <summary>Registry views over points written through the real SQLite telemetry store.</summary>
public sealed class RegistryTests : IAsyncLifetime, IDisposable
{
    private readonly DashboardFactory _factory = new();

    public async Task InitializeAsync()
    {
        var writer = _factory.Service<ITelemetryWriter>();
        var now = DashboardFactory.Start;
        await Light("light-n-001", now.AddMinutes(-1), 41.5);
        await Light("light-n-002", now.AddMinutes(-20), 40);
        await Light("light-n-003", now.AddMinutes(-2), 39);
        await Seed.StatusAsync(writer, "light", "north", "north-street", "light-n-003", now.AddMinutes(-1), "offline");
        await Seed.StatusAsync(writer, "light", "north", "north-street", "light-n-005", now.AddMinutes(-10), "offline");
        await Light("light-n-005", now.AddMinutes(-1), 12);
        await Light("light-n-001", now.AddHours(-1), 30);

        Task Light(string device, DateTimeOffset at, double power) =>
            Seed.PointAsync(writer, "light", "north", "north-street", device, at, TelemetryField.OfNumber("power_w", power), TelemetryField.OfBoolean("on", true));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task DeviceStatusComesFromLastSeenAndTheLatestStatusEvent()
    {
        var client = await _factory.ClientForAsync("manager-north");

        var devices = (await client.GetFromJsonAsync<JsonElement>("/api/devices?zone=north-street&kind=light")).EnumerateArray()
            .ToDictionary(d => d.GetProperty("id").GetString()!, d => d);

        Assert.Equal("online", devices["light-n-001"].GetProperty("status").GetString());
        Assert.Equal(41.5, devices["light-n-001"].GetProperty("latest").GetProperty("power_w").GetDouble());
        Assert.Equal(DashboardFactory.Start.AddMinutes(-1), devices["light-n-001"].GetProperty("lastSeen").GetDateTimeOffset());
        Assert.Equal("offline", devices["light-n-002"].GetProperty("status").GetString());
        Assert.Equal("offline", devices["light-n-003"].GetProperty("status").GetString());
        Assert.Equal("unknown", devices["light-n-004"].GetProperty("status").GetString());
        Assert.Equal("online", devices["light-n-005"].GetProperty("status").GetString());
        Assert.Equal("north", devices["light-n-001"].GetProperty("grid").GetString());
        Assert.True(devices["light-n-001"].GetProperty("location").GetProperty("lat").GetDouble() > 30);
    }

    [Fact]
    public async Task TheStatusFilterAndOneDeviceUseTheSameShape()
    {
        var client = await _factory.ClientForAsync("admin");

        var offline = await client.GetFromJsonAsync<JsonElement>("/api/devices?status=offline");
        var one = await client.GetFromJsonAsync<JsonElement>("/api/devices/light-n-003");

        Assert.Equal(["light-n-002", "light-n-003"], offline.EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.Equal("offline", one.GetProperty("status").GetString());
        Assert.Equal("north-street", one.GetProperty("zone").GetString());
    }

    [Fact]
    public async Task AManagerSeesOnlyTheirGridsAndOthersAre404()
    {
        var client = await _factory.ClientForAsync("manager-north");

        var sites = await client.GetFromJsonAsync<JsonElement>("/api/sites");
        var grids = sites[0].GetProperty("grids").EnumerateArray().ToList();

        Assert.Equal(["north"], grids.Select(g => g.GetProperty("id").GetString()));
        Assert.Equal(4, grids[0].GetProperty("zones").GetArrayLength());
        Assert.Equal("Asia/Shanghai", sites[0].GetProperty("timezone").GetString());
        await Problems.AssertAsync(await client.GetAsync("/api/devices/light-s-001"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await client.GetAsync("/api/devices/light-s-001/readings"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await client.GetAsync("/api/devices?grid=south"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await client.GetAsync("/api/devices?zone=south-park"), HttpStatusCode.NotFound);
        var all = await client.GetFromJsonAsync<JsonElement>("/api/devices");
        Assert.All(all.EnumerateArray(), d => Assert.Equal("north", d.GetProperty("grid").GetString()));
        Assert.Equal(200, all.GetArrayLength());
    }

    [Fact]
    public async Task ReadingsComeOldestFirstWithinTheRange()
    {
        var client = await _factory.ClientForAsync("crew-north");

        var readings = await client.GetFromJsonAsync<JsonElement>("/api/devices/light-n-001/readings?from=2026-11-29T03:00:00Z&to=2026-11-29T05:00:00Z");
        var limited = await client.GetFromJsonAsync<JsonElement>("/api/devices/light-n-001/readings?limit=1");

        Assert.Equal([30.0, 41.5], readings.EnumerateArray().Select(r => r.GetProperty("values").GetProperty("power_w").GetDouble()));
        Assert.Equal(DashboardFactory.Start.AddHours(-1), readings[0].GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(1, limited.GetArrayLength());
    }

    [Fact]
    public async Task BadFiltersAndRangesAre400sNamingTheParameter()
    {
        var client = await _factory.ClientForAsync("admin");

        await Problems.AssertFieldAsync(await client.GetAsync("/api/devices?status=broken"), "status", "'broken' is not one of");
        await Problems.AssertFieldAsync(await client.GetAsync("/api/devices?kind=toaster"), "kind", "'toaster' is not a registered device kind");
        await Problems.AssertFieldAsync(await client.GetAsync("/api/devices/light-n-001/readings?from=2026-11-29T05:00:00Z&to=2026-11-29T04:00:00Z"), "to", "must be after from");
        await Problems.AssertFieldAsync(await client.GetAsync("/api/devices/light-n-001/readings?from=2024-01-01T00:00:00Z"), "from", "at most 400 days");
        await Problems.AssertFieldAsync(await client.GetAsync("/api/devices/light-n-001/readings?from=yesterday"), "from", "not an ISO 8601 time");
        await Problems.AssertFieldAsync(await client.GetAsync("/api/devices/light-n-001/readings?limit=0"), "limit", "from 1 to 10000");
        await Problems.AssertAsync(await client.GetAsync("/api/devices/no-such-device"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheSummaryCountsDevicesPerZoneAndKind()
    {
        var client = await _factory.ClientForAsync("manager-north");

        var summary = await client.GetFromJsonAsync<JsonElement>("/api/status/summary");
        var grid = summary.GetProperty("grids").EnumerateArray().Single();
        var lights = grid.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("zone").GetString() == "north-street")
            .GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "light");

        Assert.Equal("north", grid.GetProperty("grid").GetString());
        Assert.Equal(2, lights.GetProperty("online").GetInt32());
        Assert.Equal(2, lights.GetProperty("offline").GetInt32());
        Assert.Equal(66, lights.GetProperty("unknown").GetInt32());
        Assert.Equal(0, lights.GetProperty("alarmed").GetInt32());
        Assert.Equal(0, summary.GetProperty("activeAlarms").GetInt32());
        Assert.Equal(0, summary.GetProperty("overdueWorkOrders").GetInt32());
    }
}
