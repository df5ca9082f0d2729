using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.DashboardApi.Tests.Support;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.DashboardApi.Tests.Telemetry;

/// <summary>Telemetry history over points written through the real SQLite telemetry store.</summary>
public sealed class TelemetryTests : IAsyncLifetime, IDisposable
{
    // Whole hours before the fake "now" (05:00Z): 02:00, 03:00, 04:00.
    private static readonly DateTimeOffset Hour2 = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);
    private readonly DashboardFactory _factory = new();

    public async Task InitializeAsync()
    {
        var writer = _factory.Service<ITelemetryWriter>();
        for (var hour = 0; hour < 3; hour++)
        {
            var at = Hour2.AddHours(hour);
            await Seed.PointAsync(writer, "light", "north", "north-street", "light-n-001", at.AddMinutes(10), TelemetryField.OfNumber("power_w", 40 + hour));
            await Seed.PointAsync(writer, "light", "north", "north-street", "light-n-001", at.AddMinutes(40), TelemetryField.OfNumber("power_w", 42 + hour));
            await Seed.PointAsync(writer, "light", "south", "south-street", "light-s-001", at.AddMinutes(20), TelemetryField.OfNumber("power_w", 100));
            await Seed.PointAsync(writer, "parking", "north", "north-carpark", "parking-n-001", at.AddMinutes(5), TelemetryField.OfBoolean("occupied", true));
            await Seed.PointAsync(writer, "parking", "north", "north-carpark", "parking-n-002", at.AddMinutes(5), TelemetryField.OfBoolean("occupied", hour == 0));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    private static IEnumerable<(string Group, DateTimeOffset Start, double Value)> Rows(JsonElement body) =>
        body.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("group").GetString()!, r.GetProperty("windowStart").GetDateTimeOffset(), r.GetProperty("value").GetDouble()));

    [Fact]
    public async Task APlannerAggregatesPerWindowAndGroup()
    {
        var planner = await _factory.ClientForAsync("planner");

        var body = await planner.GetFromJsonAsync<JsonElement>("/api/telemetry/aggregate?kind=light&field=power_w&fn=mean&window=1h&groupBy=grid&from=2026-11-29T02:00:00Z&to=2026-11-29T05:00:00Z");

        Assert.Equal("light", body.GetProperty("kind").GetString());
        Assert.Equal("mean", body.GetProperty("fn").GetString());
        Assert.Equal("grid", body.GetProperty("groupBy").GetString());
        Assert.Equal(
            [("north", Hour2, 41.0), ("south", Hour2, 100.0), ("north", Hour2.AddHours(1), 42.0), ("south", Hour2.AddHours(1), 100.0), ("north", Hour2.AddHours(2), 43.0), ("south", Hour2.AddHours(2), 100.0)],
            Rows(body));
    }

    [Fact]
    public async Task AManagerLimitedToOneGridReadsOnlyThatGrid()
    {
        var manager = await _factory.ClientForAsync("manager-north");

        var body = await manager.GetFromJsonAsync<JsonElement>("/api/telemetry/aggregate?kind=light&field=power_w&fn=sum&window=1d&groupBy=grid&from=2026-11-29T00:00:00Z&to=2026-11-29T05:00:00Z");

        Assert.Equal([("north", Hour2.AddHours(-2), 252.0)], Rows(body));
        await Problems.AssertAsync(await manager.GetAsync("/api/telemetry/aggregate?kind=light&field=power_w&grid=south"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await manager.GetAsync("/api/telemetry/raw?kind=light&device=light-s-001"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CrewsAndAuditorsCannotReadTelemetryHistory()
    {
        await Problems.AssertAsync(await (await _factory.ClientForAsync("crew-north")).GetAsync("/api/telemetry/aggregate?kind=light&field=power_w"), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await (await _factory.ClientForAsync("auditor")).GetAsync("/api/telemetry/raw?kind=light"), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await _factory.CreateClient().GetAsync("/api/telemetry/raw?kind=light"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OccupancyIsTheShareOfTrueReadingsOfABooleanField()
    {
        var planner = await _factory.ClientForAsync("planner");

        var body = await planner.GetFromJsonAsync<JsonElement>("/api/telemetry/aggregate?kind=parking&field=occupied&fn=mean&window=1h&groupBy=zone&from=2026-11-29T02:00:00Z&to=2026-11-29T05:00:00Z");

        Assert.Equal([("north-carpark", Hour2, 1.0), ("north-carpark", Hour2.AddHours(1), 0.5), ("north-carpark", Hour2.AddHours(2), 0.5)], Rows(body));
    }

    [Fact]
    public async Task RawPointsComeOldestFirstWithTheirPlace()
    {
        var planner = await _factory.ClientForAsync("planner");

        var points = await planner.GetFromJsonAsync<JsonElement>("/api/telemetry/raw?kind=light&grid=north&from=2026-11-29T02:00:00Z&to=2026-11-29T05:00:00Z&limit=3");

        Assert.Equal(3, points.GetArrayLength());
        Assert.Equal("light-n-001", points[0].GetProperty("device").GetString());
        Assert.Equal("north-street", points[0].GetProperty("zone").GetString());
        Assert.Equal(Hour2.AddMinutes(10), points[0].GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(42, points[1].GetProperty("values").GetProperty("power_w").GetDouble());
    }

    [Theory]
    [InlineData("kind=light&field=power_w&from=2026-11-29T05:00:00Z&to=2026-11-29T04:00:00Z", "to", "must be after from")]
    [InlineData("kind=light&field=power_w&from=2025-01-01T00:00:00Z&to=2026-11-29T04:00:00Z", "from", "at most 400 days")]
    [InlineData("kind=light&field=power_w&window=1m&from=2026-10-01T00:00:00Z&to=2026-11-29T00:00:00Z", "window", "at most 10000")]
    [InlineData("kind=light&field=power_w&window=hourly", "window", "'hourly' is not a duration")]
    [InlineData("kind=toaster&field=power_w", "kind", "'toaster' is not a registered device kind")]
    [InlineData("kind=light&field=voltage", "field", "'voltage' is not a field of kind 'light'")]
    [InlineData("kind=light&field=Power-W", "field", "is not a field name")]
    [InlineData("kind=light", "field", "field is required")]
    [InlineData("field=power_w", "kind", "kind is required")]
    [InlineData("kind=light&field=power_w&fn=median", "fn", "'median' is not one of")]
    [InlineData("kind=light&field=power_w&groupBy=street", "groupBy", "'street' is not one of")]
    [InlineData("kind=light&field=power_w&from=noon", "from", "not an ISO 8601 time")]
    public async Task BadAggregateParametersAre400sNamingTheParameter(string query, string field, string message)
    {
        var planner = await _factory.ClientForAsync("planner");

        await Problems.AssertFieldAsync(await planner.GetAsync("/api/telemetry/aggregate?" + query), field, message);
        await Problems.AssertFieldAsync(await planner.GetAsync("/api/telemetry/export.csv?" + query), field, message);
    }

    [Fact]
    public async Task BadRawParametersAre400s()
    {
        var planner = await _factory.ClientForAsync("planner");

        await Problems.AssertFieldAsync(await planner.GetAsync("/api/telemetry/raw?kind=light&limit=100000"), "limit", "from 1 to 10000");
        await Problems.AssertFieldAsync(await planner.GetAsync("/api/telemetry/export.csv?kind=light&field=power_w&mode=fancy"), "mode", "'fancy'");
        await Problems.AssertAsync(await planner.GetAsync("/api/telemetry/raw?kind=light&device=nope"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheCsvExportHasAHeaderAndTheAggregateRows()
    {
        var planner = await _factory.ClientForAsync("planner");

        var response = await planner.GetAsync("/api/telemetry/export.csv?kind=light&field=power_w&fn=max&window=1h&groupBy=device&from=2026-11-29T02:00:00Z&to=2026-11-29T05:00:00Z");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            ["group,windowStart,value", "light-n-001,2026-11-29T02:00:00Z,42", "light-s-001,2026-11-29T02:00:00Z,100",
             "light-n-001,2026-11-29T03:00:00Z,43", "light-s-001,2026-11-29T03:00:00Z,100", "light-n-001,2026-11-29T04:00:00Z,44", "light-s-001,2026-11-29T04:00:00Z,100"],
            lines);
    }

    [Fact]
    public async Task TheRawCsvExportHasOneColumnPerDocumentedField()
    {
        var planner = await _factory.ClientForAsync("planner");

        var csv = await planner.GetStringAsync("/api/telemetry/export.csv?mode=raw&kind=parking&device=parking-n-002&from=2026-11-29T02:00:00Z&to=2026-11-29T05:00:00Z");

        Assert.Equal(
            ["timestamp,device,grid,zone,occupied,ev_charging_kw,gate_open", "2026-11-29T02:05:00Z,parking-n-002,north,north-carpark,true,,",
             "2026-11-29T03:05:00Z,parking-n-002,north,north-carpark,false,,", "2026-11-29T04:05:00Z,parking-n-002,north,north-carpark,false,,"],
            csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }
}
