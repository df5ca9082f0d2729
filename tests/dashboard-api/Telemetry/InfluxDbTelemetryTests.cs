using System.Net.Http.Json;
using System.Text.Json;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.DashboardApi.Tests.Support;
using ParkCommunity.TelemetryStore.Writing;
using ParkCommunity.TestSupport;

namespace ParkCommunity.DashboardApi.Tests.Telemetry;

/// <summary>The aggregate and CSV paths against the real InfluxDB server, in a database of their own.</summary>
public sealed class InfluxDbTelemetryTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Hour2 = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);
    private readonly string _database = TestServers.UniqueName("pc_dashboard");
    private readonly DashboardFactory _factory = new();

    public async Task InitializeAsync()
    {
        _factory.Settings["TelemetryStore:Backend"] = "InfluxDb";
        _factory.Settings["TelemetryStore:InfluxDb:Url"] = TestServers.InfluxDbUrl.ToString();
        _factory.Settings["TelemetryStore:InfluxDb:Database"] = _database;
        var writer = _factory.Service<ITelemetryWriter>();
        for (var hour = 0; hour < 2; hour++)
        {
            await Seed.PointAsync(writer, "light", "north", "north-street", "light-n-001", Hour2.AddHours(hour).AddMinutes(10), TelemetryField.OfNumber("power_w", 40));
            await Seed.PointAsync(writer, "light", "north", "north-street", "light-n-002", Hour2.AddHours(hour).AddMinutes(20), TelemetryField.OfNumber("power_w", 60 + hour));
            await Seed.PointAsync(writer, "parking", "north", "north-carpark", "parking-n-001", Hour2.AddHours(hour).AddMinutes(5), TelemetryField.OfBoolean("occupied", hour == 0));
        }
    }

    public async Task DisposeAsync()
    {
        using var http = new HttpClient { BaseAddress = TestServers.InfluxDbUrl };
        using var drop = new FormUrlEncodedContent([KeyValuePair.Create("q", $"DROP DATABASE \"{_database}\"")]);
        (await http.PostAsync("/query", drop)).EnsureSuccessStatusCode();
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TheAggregateComesFromInfluxDb()
    {
        var planner = await _factory.ClientForAsync("planner");

        var body = await planner.GetFromJsonAsync<JsonElement>("/api/telemetry/aggregate?kind=light&field=power_w&fn=mean&window=1h&groupBy=zone&from=2026-11-29T02:00:00Z&to=2026-11-29T04:00:00Z");

        Assert.Equal(
            [("north-street", Hour2, 50.0), ("north-street", Hour2.AddHours(1), 50.5)],
            body.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("group").GetString(), r.GetProperty("windowStart").GetDateTimeOffset(), r.GetProperty("value").GetDouble())));
    }

    [Fact]
    public async Task TheCsvExportAndBooleanOccupancyComeFromInfluxDb()
    {
        var planner = await _factory.ClientForAsync("planner");

        var csv = await planner.GetStringAsync("/api/telemetry/export.csv?kind=light&field=power_w&fn=max&window=1h&groupBy=device&from=2026-11-29T02:00:00Z&to=2026-11-29T04:00:00Z");
        var occupancy = await planner.GetStringAsync("/api/telemetry/export.csv?kind=parking&field=occupied&fn=mean&window=1h&groupBy=grid&from=2026-11-29T02:00:00Z&to=2026-11-29T04:00:00Z");

        Assert.Equal(
            ["group,windowStart,value", "light-n-001,2026-11-29T02:00:00Z,40", "light-n-002,2026-11-29T02:00:00Z,60", "light-n-001,2026-11-29T03:00:00Z,40", "light-n-002,2026-11-29T03:00:00Z,61"],
            csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            ["group,windowStart,value", "north,2026-11-29T02:00:00Z,1", "north,2026-11-29T03:00:00Z,0"],
            occupancy.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }
}
