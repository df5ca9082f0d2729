using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ParkCommunity.DashboardApi.Tests.Support;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Alarms.Storage;

namespace ParkCommunity.DashboardApi.Tests.Alarms;

public sealed class AlarmEndpointTests : IDisposable
{
    private readonly DashboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private IAlarmStore Store => _factory.Service<IAlarmStore>();

    private static IEnumerable<string> Ids(JsonElement list) => list.EnumerateArray().Select(a => a.GetProperty("id").GetString()!);

    [Fact]
    public async Task TheListHasTheContractShape()
    {
        var raised = await AlarmSeed.RaiseAsync(Store, AlarmSeed.North, DashboardFactory.Start);
        var client = await _factory.ClientForAsync("admin");

        var alarm = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/alarms?state=active")).EnumerateArray());

        Assert.Equal(raised.Id, alarm.GetProperty("id").GetString());
        Assert.Equal("lamp-failure", alarm.GetProperty("ruleId").GetString());
        Assert.Equal("Lamp switched on but dark", alarm.GetProperty("ruleName").GetString());
        Assert.Equal("light-n-001", alarm.GetProperty("subject").GetString());
        Assert.Equal("major", alarm.GetProperty("severity").GetString());
        Assert.Equal("active", alarm.GetProperty("state").GetString());
        Assert.Equal("tianfu-park", alarm.GetProperty("site").GetString());
        Assert.Equal("north", alarm.GetProperty("grid").GetString());
        Assert.Equal("north-street", alarm.GetProperty("zone").GetString());
        Assert.Equal("light-n-001", alarm.GetProperty("device").GetString());
        Assert.Equal("2026-11-29T05:00:00Z", alarm.GetProperty("raisedAt").GetString());
        Assert.Equal("2026-11-29T05:00:00Z", alarm.GetProperty("lastSeenAt").GetString());
        Assert.Equal(JsonValueKind.Null, alarm.GetProperty("clearedAt").ValueKind);
        Assert.Equal("power_w = 0.4", alarm.GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, alarm.GetProperty("acknowledgedBy").ValueKind);
        Assert.Equal(JsonValueKind.Null, alarm.GetProperty("workOrderId").ValueKind);
        Assert.False(alarm.TryGetProperty("history", out _));
    }

    [Fact]
    public async Task AManagerSeesOnlyTheAlarmsOfTheirGrids()
    {
        var north = await AlarmSeed.RaiseAsync(Store, AlarmSeed.North, DashboardFactory.Start);
        var south = await AlarmSeed.RaiseAsync(Store, AlarmSeed.South, DashboardFactory.Start);

        Assert.Equal([north.Id], Ids(await (await _factory.ClientForAsync("manager-north")).GetFromJsonAsync<JsonElement>("/api/alarms")));
        Assert.Equal(
            new[] { north.Id, south.Id }.Order(),
            Ids(await (await _factory.ClientForAsync("planner")).GetFromJsonAsync<JsonElement>("/api/alarms?state=all")).Order());
    }

    [Fact]
    public async Task ClearedAlarmsAreListedMostRecentClearFirstWithinTheCallersGridsAndTheWindow()
    {
        var north = await AlarmSeed.RaiseAsync(Store, AlarmSeed.North, DashboardFactory.Start);
        var south = await AlarmSeed.RaiseAsync(Store, AlarmSeed.South, DashboardFactory.Start);
        await AlarmSeed.ClearAsync(Store, north, DashboardFactory.Start.AddMinutes(5));
        await AlarmSeed.ClearAsync(Store, south, DashboardFactory.Start.AddMinutes(6));
        var current = await AlarmSeed.RaiseAsync(Store, AlarmSeed.North, DashboardFactory.Start.AddMinutes(7));
        var planner = await _factory.ClientForAsync("planner");

        var cleared = await planner.GetFromJsonAsync<JsonElement>("/api/alarms?state=cleared");

        Assert.Equal([south.Id, north.Id], Ids(cleared));
        Assert.All(cleared.EnumerateArray(), a => Assert.Equal("cleared", a.GetProperty("state").GetString()));
        Assert.Equal("2026-11-29T05:06:00Z", cleared[0].GetProperty("clearedAt").GetString());
        Assert.Equal("south", cleared[0].GetProperty("grid").GetString());
        Assert.Equal([current.Id, south.Id, north.Id], Ids(await planner.GetFromJsonAsync<JsonElement>("/api/alarms?state=all")));
        Assert.Equal([south.Id], Ids(await planner.GetFromJsonAsync<JsonElement>("/api/alarms?state=cleared&since=2026-11-29T05:05:30Z")));
        Assert.Equal([north.Id], Ids(await (await _factory.ClientForAsync("manager-north")).GetFromJsonAsync<JsonElement>("/api/alarms?state=cleared")));
        await Problems.AssertFieldAsync(await planner.GetAsync("/api/alarms?state=cleared&since=yesterday"), "since", "'yesterday'");
    }

    [Fact]
    public async Task ADevicesAlarmHistoryListsRaisesAndClearsNewestFirstWithinTheCallersGrids()
    {
        var raised = await AlarmSeed.RaiseAsync(Store, AlarmSeed.North, DashboardFactory.Start);
        await AlarmSeed.ClearAsync(Store, raised, DashboardFactory.Start.AddMinutes(5));

        var history = await (await _factory.ClientForAsync("manager-north")).GetFromJsonAsync<JsonElement>("/api/alarms/history?subject=light-n-001");
        var outOfScope = await (await _factory.ClientForAsync("manager-north")).GetAsync("/api/alarms/history?subject=light-s-001");
        var missing = await (await _factory.ClientForAsync("admin")).GetAsync("/api/alarms/history");

        Assert.Equal(["cleared", "raised"], history.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.All(history.EnumerateArray(), e => Assert.Equal(raised.Id, e.GetProperty("alarmId").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, outOfScope.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("subject", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GridAndSeverityFilterTheList()
    {
        var north = await AlarmSeed.RaiseAsync(Store, AlarmSeed.North, DashboardFactory.Start);
        var critical = await AlarmSeed.RaiseAsync(Store, AlarmSeed.South, DashboardFactory.Start, AlarmSeed.Policy("lamp-critical", AlarmSeverity.Critical));
        var admin = await _factory.ClientForAsync("admin");

        Assert.Equal([north.Id], Ids(await admin.GetFromJsonAsync<JsonElement>("/api/alarms?grid=north")));
        Assert.Equal([critical.Id], Ids(await admin.GetFromJsonAsync<JsonElement>("/api/alarms?severity=critical,minor")));
    }

    [Fact]
    public async Task BadFiltersAreNamedInOneProblem()
    {
        var response = await (await _factory.ClientForAsync("admin")).GetAsync("/api/alarms?state=open&severity=urgent");

        await Problems.AssertFieldAsync(response, "state", "'open'");
        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("severity", out _));
    }

    [Fact]
    public async Task AGridOutsideTheCallersScopeAnswersNotFound()
    {
        var response = await (await _factory.ClientForAsync("manager-north")).GetAsync("/api/alarms?grid=south");

        await Problems.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ACrewOfNorthGetsNotFoundForASouthAlarm()
    {
        var south = await AlarmSeed.RaiseAsync(Store, AlarmSeed.South, DashboardFactory.Start);
        var crew = await _factory.ClientForAsync("crew-north");

        await Problems.AssertAsync(await crew.GetAsync($"/api/alarms/{south.Id}"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await crew.PostAsync($"/api/alarms/{south.Id}/acknowledge", null), HttpStatusCode.NotFound);
        Assert.Null((await Store.GetAsync(south.Id))!.AcknowledgedBy);
    }

    [Fact]
    public async Task AnUnknownAlarmAnswersNotFound()
    {
        var response = await (await _factory.ClientForAsync("admin")).GetAsync("/api/alarms/no-such-alarm");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("no-such-alarm", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACrewAcknowledgesAnAlarmOfTheirGridAndLeavesOneAuditRecord()
    {
        var north = await AlarmSeed.RaiseAsync(Store, AlarmSeed.North, DashboardFactory.Start);
        var crew = await _factory.ClientForAsync("crew-north");

        var first = await crew.PostAsync($"/api/alarms/{north.Id}/acknowledge", null);
        var again = await crew.PostAsync($"/api/alarms/{north.Id}/acknowledge", null);

        first.EnsureSuccessStatusCode();
        again.EnsureSuccessStatusCode();
        var alarm = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("crew-north", alarm.GetProperty("acknowledgedBy").GetString());
        Assert.Equal("2026-11-29T05:00:00Z", alarm.GetProperty("acknowledgedAt").GetString());
        var records = await (await _factory.ClientForAsync("auditor")).GetFromJsonAsync<JsonElement>("/api/audit?action=alarm.acknowledge");
        var record = Assert.Single(records.EnumerateArray());
        Assert.Equal("crew-north", record.GetProperty("actor").GetString());
        Assert.Equal(north.Id, record.GetProperty("target").GetString());
    }

    [Fact]
    public async Task PlannersAndAuditorsCannotAcknowledge()
    {
        var north = await AlarmSeed.RaiseAsync(Store, AlarmSeed.North, DashboardFactory.Start);

        foreach (var user in new[] { "planner", "auditor" })
        {
            await Problems.AssertAsync(await (await _factory.ClientForAsync(user)).PostAsync($"/api/alarms/{north.Id}/acknowledge", null), HttpStatusCode.Forbidden);
        }

        Assert.Null((await Store.GetAsync(north.Id))!.AcknowledgedBy);
    }

    [Fact]
    public async Task TheDetailCarriesTheHistoryAndStaysReadableAfterTheClear()
    {
        var north = await AlarmSeed.RaiseAsync(Store, AlarmSeed.North, DashboardFactory.Start);
        var manager = await _factory.ClientForAsync("manager-north");
        (await manager.PostAsync($"/api/alarms/{north.Id}/acknowledge", null)).EnsureSuccessStatusCode();
        await AlarmSeed.ClearAsync(Store, north, DashboardFactory.Start.AddMinutes(5));

        var alarm = await manager.GetFromJsonAsync<JsonElement>($"/api/alarms/{north.Id}");

        Assert.Equal("cleared", alarm.GetProperty("state").GetString());
        Assert.Equal("2026-11-29T05:05:00Z", alarm.GetProperty("clearedAt").GetString());
        Assert.Equal("north", alarm.GetProperty("grid").GetString());
        Assert.Equal("manager-north", alarm.GetProperty("acknowledgedBy").GetString());
        Assert.Equal(
            ["raised", "acknowledged", "cleared"],
            alarm.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString()));
        Assert.Empty((await manager.GetFromJsonAsync<JsonElement>("/api/alarms")).EnumerateArray());
    }

    [Fact]
    public async Task TheWorkOrderOfAnAlarmIsNamed()
    {
        var north = await AlarmSeed.RaiseAsync(Store, AlarmSeed.North, DashboardFactory.Start);
        await Store.MarkWorkOrderOpenedAsync(north.Id, "wo-42");

        var alarm = await (await _factory.ClientForAsync("admin")).GetFromJsonAsync<JsonElement>($"/api/alarms/{north.Id}");

        Assert.Equal("wo-42", alarm.GetProperty("workOrderId").GetString());
    }

    [Fact]
    public async Task TheStatusSummaryCountsAlarmedDevices()
    {
        await AlarmSeed.RaiseAsync(Store, AlarmSeed.North, DashboardFactory.Start);

        var summary = await (await _factory.ClientForAsync("admin")).GetFromJsonAsync<JsonElement>("/api/status/summary");

        Assert.Equal(1, summary.GetProperty("activeAlarms").GetInt32());
        var kinds = summary.GetProperty("grids").EnumerateArray().SelectMany(g => g.GetProperty("zones").EnumerateArray())
            .Where(z => z.GetProperty("zone").GetString() == "north-street").SelectMany(z => z.GetProperty("kinds").EnumerateArray());
        Assert.Equal(1, kinds.Single(k => k.GetProperty("kind").GetString() == "light").GetProperty("alarmed").GetInt32());
    }

    [Fact]
    public async Task TheStatusSummaryCountsOnlyTheAlarmsOfTheCallersGrids()
    {
        await AlarmSeed.RaiseAsync(Store, AlarmSeed.North, DashboardFactory.Start);
        await AlarmSeed.RaiseAsync(Store, AlarmSeed.South, DashboardFactory.Start);

        var north = await (await _factory.ClientForAsync("manager-north")).GetFromJsonAsync<JsonElement>("/api/status/summary");
        var all = await (await _factory.ClientForAsync("planner")).GetFromJsonAsync<JsonElement>("/api/status/summary");

        Assert.Equal(1, north.GetProperty("activeAlarms").GetInt32());
        Assert.Equal(2, all.GetProperty("activeAlarms").GetInt32());
    }

    [Fact]
    public async Task SignedOutCallersAreRefused()
    {
        await Problems.AssertAsync(await _factory.CreateClient().GetAsync("/api/alarms"), HttpStatusCode.Unauthorized);
    }
}
