using System.Net.Http.Json;
using System.Text.Json;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.DashboardApi.Tests.Support;

namespace ParkCommunity.DashboardApi.Tests.WorkOrders;

public sealed class AnalyticsTests : IDisposable
{
    private readonly DashboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CountsMedianTimeToResolveAndSlaComplianceOverTheRange()
    {
        var store = _factory.Service<IWorkOrderStore>();
        var fast = await Seed.OrderAsync(store, "north");
        var slow = await Seed.OrderAsync(store, "south", category: WorkOrderCategory.Parking);
        await Seed.OrderAsync(store, "south", category: WorkOrderCategory.Parking);
        foreach (var order in new[] { fast, slow })
        {
            await store.AssignAsync(order.Id, new Assignee("electricians-day"), "test");
            await store.TransitionAsync(order.Id, WorkOrderStatus.InProgress, "test");
        }

        _factory.Time.Advance(TimeSpan.FromHours(2));
        await store.TransitionAsync(fast.Id, WorkOrderStatus.Resolved, "test");
        _factory.Time.Advance(TimeSpan.FromHours(28));
        await store.TransitionAsync(slow.Id, WorkOrderStatus.Resolved, "test");
        var planner = await _factory.ClientForAsync("planner");

        var result = await planner.GetFromJsonAsync<JsonElement>("/api/analytics/work-orders?from=2026-11-01T00:00:00Z&to=2026-12-31T00:00:00Z");

        Assert.Equal(2, result.GetProperty("byCategory").EnumerateArray().Single(c => c.GetProperty("category").GetString() == "parking").GetProperty("count").GetInt32());
        Assert.Equal(2, result.GetProperty("byGrid").EnumerateArray().Single(c => c.GetProperty("grid").GetString() == "south").GetProperty("count").GetInt32());
        Assert.Equal(3, result.GetProperty("byMonth").EnumerateArray().Single(c => c.GetProperty("month").GetString() == "2026-11").GetProperty("count").GetInt32());
        Assert.Equal(16, result.GetProperty("medianHoursToResolve").GetDouble());
        Assert.Equal(50, result.GetProperty("slaCompliancePct").GetDouble());
        await Problems.AssertFieldAsync(await planner.GetAsync("/api/analytics/work-orders?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z"), "to", "must be after from");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await (await _factory.ClientForAsync("crew-north")).GetAsync("/api/analytics/work-orders")).StatusCode);
    }
}
