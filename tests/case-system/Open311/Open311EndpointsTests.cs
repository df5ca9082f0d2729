using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.CaseSystem.Configuration;
using ParkCommunity.CaseSystem.Open311;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Tests.Open311;

/// <summary>The GeoReport v2 endpoints hosted in a test server over the real SQLite store and the sample roster.</summary>
public sealed class Open311EndpointsTests : IAsyncLifetime
{
    // Monday 10:00 in Asia/Shanghai: the day electricians are on shift.
    private static readonly DateTimeOffset Now = new(2026, 3, 16, 2, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"pc-open311-{Guid.NewGuid():N}");
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    private IWorkOrderStore Store => _app.Services.GetRequiredService<IWorkOrderStore>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CaseSystem:SqlitePath"] = Path.Combine(_folder, "cases.db"),
            ["CaseSystem:CrewsPath"] = Path.Combine(AppContext.BaseDirectory, "sample-community", "crews.yaml"),
            ["CaseSystem:Open311:DefaultSite"] = "tianfu-park",
        });
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        builder.Services.AddCaseSystem(builder.Configuration.GetSection(CaseSystemOptions.Section));
        _app = builder.Build();
        _app.MapOpen311();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static readonly (string, string)[] LampReport =
    [
        ("service_code", "electrical"),
        ("description", "The lamp by the east gate is dark\nIt has been dark since yesterday."),
        ("lat", "30.5728"),
        ("long", "104.0668"),
        ("attribute[grid]", "north"),
        ("attribute[zone]", "east-gate"),
        ("first_name", "Mei"),
        ("last_name", "Zhang"),
        ("email", "mei@example.org"),
    ];

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task TheServiceListHasOneServicePerWorkOrderCategory()
    {
        var services = await JsonOf(await _client.GetAsync("/open311/v2/services.json"));

        Assert.Equal(WireNames.AllCategories.Order(), services.EnumerateArray().Select(s => s.GetProperty("service_code").GetString()!).Order());
        var electrical = services.EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == "electrical");
        Assert.Equal("Lighting and electrical", electrical.GetProperty("service_name").GetString());
        Assert.True(electrical.GetProperty("metadata").GetBoolean());
        Assert.Equal("realtime", electrical.GetProperty("type").GetString());
    }

    [Fact]
    public async Task TheServiceDefinitionAsksForTheGridAndOptionallyTheZone()
    {
        var definition = await JsonOf(await _client.GetAsync("/open311/v2/services/gardening.json"));

        var attributes = definition.GetProperty("attributes").EnumerateArray().ToArray();
        Assert.Equal(["grid", "zone"], attributes.Select(a => a.GetProperty("code").GetString()!));
        Assert.Equal([true, false], attributes.Select(a => a.GetProperty("required").GetBoolean()));
    }

    [Fact]
    public async Task AFormEncodedReportBecomesARoutedWorkOrderAndReadsBackInTheGeoReportShape()
    {
        var created = await _client.PostAsync("/open311/v2/requests.json", Form(LampReport));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var receipt = Assert.Single((await JsonOf(created)).EnumerateArray());
        var id = receipt.GetProperty("service_request_id").GetString()!;
        Assert.Equal($"/open311/v2/requests/{id}.json", created.Headers.Location!.ToString());
        Assert.Contains("passed to electricians-day", receipt.GetProperty("service_notice").GetString(), StringComparison.Ordinal);

        var read = Assert.Single((await JsonOf(await _client.GetAsync($"/open311/v2/requests/{id}.json"))).EnumerateArray());
        Assert.Equal(id, read.GetProperty("service_request_id").GetString());
        Assert.Equal("open", read.GetProperty("status").GetString());
        Assert.Equal("assigned", read.GetProperty("status_notes").GetString());
        Assert.Equal("electrical", read.GetProperty("service_code").GetString());
        Assert.Equal("Lighting and electrical", read.GetProperty("service_name").GetString());
        Assert.Equal("electricians-day", read.GetProperty("agency_responsible").GetString());
        Assert.Equal("2026-03-16T02:00:00+00:00", read.GetProperty("requested_datetime").GetString());
        Assert.Equal("2026-03-19T02:00:00+00:00", read.GetProperty("expected_datetime").GetString());
    }

    [Fact]
    public async Task TheOrderKeepsOnlyTheChannelAndCallBackContactPlusTheResidentsDescription()
    {
        var created = await _client.PostAsync("/open311/v2/requests.json", Form(LampReport));
        var id = (await JsonOf(created))[0].GetProperty("service_request_id").GetString()!;

        var order = (await Store.GetAsync(id))!;
        var timeline = await Store.GetTimelineAsync(id);

        Assert.Equal(new ResidentReport("open311", "mei@example.org"), order.Source);
        Assert.Equal(new WorkOrderLocation("tianfu-park", "north", "east-gate"), order.Location);
        Assert.Equal(WorkOrderPriority.P3, order.Priority);
        Assert.Equal("Lighting and electrical: The lamp by the east gate is dark", order.Title);
        Assert.Equal([TimelineKind.Created, TimelineKind.Assigned, TimelineKind.Comment], timeline.Select(e => e.Kind));
        Assert.Contains("It has been dark since yesterday.", timeline[^1].Text, StringComparison.Ordinal);
        Assert.Contains("30.5728, 104.0668", timeline[^1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(timeline, e => e.Text?.Contains("Zhang", StringComparison.Ordinal) == true);
        Assert.DoesNotContain("Zhang", order.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFieldsAreRefusedWithOneGeoReportErrorNamingEach()
    {
        var response = await _client.PostAsync("/open311/v2/requests.json", Form(("description", "Something is wrong")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonOf(response)).EnumerateArray().ToArray();
        Assert.All(errors, e => Assert.Equal(400, e.GetProperty("code").GetInt32()));
        var descriptions = errors.Select(e => e.GetProperty("description").GetString()!).ToArray();
        Assert.Equal(3, descriptions.Length);
        Assert.StartsWith("service_code is required", descriptions[0], StringComparison.Ordinal);
        Assert.StartsWith("attribute[grid] is required", descriptions[1], StringComparison.Ordinal);
        Assert.StartsWith("lat and long, or address_string, is required", descriptions[2], StringComparison.Ordinal);
        Assert.Empty(await Store.ListAsync(new WorkOrderQuery()));
    }

    [Theory]
    [InlineData("service_code", "plumbing", "service_code 'plumbing' is not a service of this endpoint")]
    [InlineData("attribute[grid]", "atlantis", "attribute[grid] 'atlantis' is not a grid of this site (one of: central, north, south)")]
    [InlineData("lat", "91", "lat '91' is not a WGS84 decimal degree between -90 and 90")]
    [InlineData("attribute[zone]", "east gate", "attribute[zone] 'east gate' is not a zone id")]
    public async Task ABadValueIsRefusedNamingTheField(string field, string value, string expected)
    {
        var fields = LampReport.Where(f => f.Item1 != field).Append((field, value)).ToArray();

        var response = await _client.PostAsync("/open311/v2/requests.json", Form(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(expected, Assert.Single((await JsonOf(response)).EnumerateArray()).GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJsonBodyIsRefusedBecauseTheSpecSaysFormEncoded()
    {
        var response = await _client.PostAsync(
            "/open311/v2/requests.json", new StringContent("""{"service_code":"electrical"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("application/x-www-form-urlencoded", (await JsonOf(response))[0].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownIdIsA404InTheGeoReportErrorShape()
    {
        var response = await _client.GetAsync("/open311/v2/requests/WO-2026-999999.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = Assert.Single((await JsonOf(response)).EnumerateArray());
        Assert.Equal(404, error.GetProperty("code").GetInt32());
        Assert.Equal("service_request_id 'WO-2026-999999' was not found", error.GetProperty("description").GetString());
    }

    [Fact]
    public async Task AlarmOrdersAreNotServiceRequests()
    {
        var alarm = await Store.CreateForAlarmAsync(
            new NewWorkOrder("Lamp dark", WorkOrderCategory.Electrical, WorkOrderPriority.P2, new WorkOrderLocation("tianfu-park", "north"), "rule-engine"),
            new AlarmKey("light-dark", "light-017"));

        var response = await _client.GetAsync($"/open311/v2/requests/{alarm.Order.Id}.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AResolvedReportReadsAsClosedWithoutAnExpectedTime()
    {
        var id = (await JsonOf(await _client.PostAsync("/open311/v2/requests.json", Form(LampReport))))[0].GetProperty("service_request_id").GetString()!;
        await Store.TransitionAsync(id, WorkOrderStatus.InProgress, "li.wei");
        await Store.TransitionAsync(id, WorkOrderStatus.Resolved, "li.wei", "Replaced the lamp");

        var read = (await JsonOf(await _client.GetAsync($"/open311/v2/requests/{id}.json")))[0];

        Assert.Equal("closed", read.GetProperty("status").GetString());
        Assert.Equal("resolved", read.GetProperty("status_notes").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("expected_datetime").ValueKind);
    }
}
