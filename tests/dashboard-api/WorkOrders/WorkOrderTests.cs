using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.DashboardApi.Audit;
using ParkCommunity.DashboardApi.Tests.Support;

namespace ParkCommunity.DashboardApi.Tests.WorkOrders;

public sealed class WorkOrderTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private IWorkOrderStore Store => factory.Service<IWorkOrderStore>();

    private async Task<int> AuditCountAsync(string action, string target) =>
        (await factory.Service<IAuditLog>().QueryAsync(new AuditQuery(Action: action, Limit: 10_000), CancellationToken.None)).Count(r => r.Target == target);

    [Fact]
    public async Task ACrewOfGridNorthGets404ForASouthWorkOrder()
    {
        var south = await Seed.OrderAsync(Store, "south");
        var crew = await factory.ClientForAsync("crew-north");

        await Problems.AssertAsync(await crew.GetAsync($"/api/work-orders/{south.Id}"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await crew.PostAsJsonAsync($"/api/work-orders/{south.Id}/comments", new { text = "hi" }), HttpStatusCode.NotFound);
        var list = await crew.GetFromJsonAsync<JsonElement>("/api/work-orders");
        Assert.DoesNotContain(list.EnumerateArray(), o => o.GetProperty("id").GetString() == south.Id);
    }

    [Fact]
    public async Task AnUnknownWorkOrderIsA404NamingIt()
    {
        var problem = await Problems.AssertAsync(await (await factory.ClientForAsync("admin")).GetAsync("/api/work-orders/WO-nope"), HttpStatusCode.NotFound);
        Assert.Contains("WO-nope", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APlannerCanReadButNotTransition()
    {
        var order = await Seed.OrderAsync(Store, "central");
        var planner = await factory.ClientForAsync("planner");

        Assert.Equal(HttpStatusCode.OK, (await planner.GetAsync($"/api/work-orders/{order.Id}")).StatusCode);
        await Problems.AssertAsync(await planner.PostAsJsonAsync($"/api/work-orders/{order.Id}/transitions", new { to = "cancelled" }), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await planner.PostAsJsonAsync($"/api/work-orders/{order.Id}/assign", new { crewId = "gardeners" }), HttpStatusCode.Forbidden);
        Assert.Equal(WorkOrderStatus.Open, (await Store.GetAsync(order.Id))!.Status);
    }

    [Fact]
    public async Task ACrewAcceptsStartsAndResolvesItsOrderWithOneAuditRecordEach()
    {
        var order = await Seed.OrderAsync(Store, "north");
        var crew = await factory.ClientForAsync("crew-electric");

        var accepted = await crew.PostAsJsonAsync($"/api/work-orders/{order.Id}/assign", new { crewId = "electricians-day" });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var started = await crew.PostAsJsonAsync($"/api/work-orders/{order.Id}/transitions", new { to = "in_progress", expectedVersion = 2 });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var resolved = await crew.PostAsJsonAsync($"/api/work-orders/{order.Id}/transitions", new { to = "resolved", comment = "new driver fitted" });
        var body = await resolved.Content.ReadFromJsonAsync<JsonElement>();
        var comment = await crew.PostAsJsonAsync($"/api/work-orders/{order.Id}/comments", new { text = "photo on file" });

        Assert.Equal("resolved", body.GetProperty("status").GetString());
        Assert.Equal("electricians-day", body.GetProperty("assignee").GetProperty("crewId").GetString());
        Assert.Equal(HttpStatusCode.OK, comment.StatusCode);
        Assert.Equal(1, await AuditCountAsync(AuditActions.WorkOrderAssign, order.Id));
        Assert.Equal(2, await AuditCountAsync(AuditActions.WorkOrderTransition, order.Id));
        Assert.Equal(1, await AuditCountAsync(AuditActions.WorkOrderComment, order.Id));
        var detail = await crew.GetFromJsonAsync<JsonElement>($"/api/work-orders/{order.Id}");
        Assert.Equal(["created", "assigned", "status_changed", "status_changed", "comment"],
            detail.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()));
        Assert.Equal("light-n-001", detail.GetProperty("device").GetString());
    }

    [Fact]
    public async Task ACrewCannotStartAnotherCrewsOrder()
    {
        var order = await Seed.OrderAsync(Store, "north");
        await Store.AssignAsync(order.Id, new Assignee("gardeners"), "test");
        var crew = await factory.ClientForAsync("crew-north");

        var problem = await Problems.AssertAsync(await crew.PostAsJsonAsync($"/api/work-orders/{order.Id}/transitions", new { to = "in_progress" }), HttpStatusCode.Forbidden);
        Assert.Contains("not assigned to your crew", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIllegalTransitionIsA409NamingFromAndTo()
    {
        var order = await Seed.OrderAsync(Store, "north");
        var admin = await factory.ClientForAsync("admin");

        var problem = await Problems.AssertAsync(await admin.PostAsJsonAsync($"/api/work-orders/{order.Id}/transitions", new { to = "closed" }), HttpStatusCode.Conflict);

        Assert.Equal("open", problem.GetProperty("from").GetString());
        Assert.Equal("closed", problem.GetProperty("to").GetString());
        Assert.Contains("cannot move from open to closed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await AuditCountAsync(AuditActions.WorkOrderTransition, order.Id));
    }

    [Fact]
    public async Task AStaleVersionIsA409()
    {
        var order = await Seed.OrderAsync(Store, "north");
        var manager = await factory.ClientForAsync("manager-north");

        var problem = await Problems.AssertAsync(
            await manager.PostAsJsonAsync($"/api/work-orders/{order.Id}/assign", new { crewId = "caretakers-north", expectedVersion = 7 }), HttpStatusCode.Conflict);

        Assert.Contains("not 7", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManagerAssignsAndCancelsWithinTheirGrid()
    {
        var order = await Seed.OrderAsync(Store, "north");
        var manager = await factory.ClientForAsync("manager-north");

        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"/api/work-orders/{order.Id}/assign", new { crewId = "caretakers-north" })).StatusCode);
        await Problems.AssertAsync(await manager.PostAsJsonAsync($"/api/work-orders/{order.Id}/transitions", new { to = "in_progress" }), HttpStatusCode.Forbidden);
        var cancelled = await manager.PostAsJsonAsync($"/api/work-orders/{order.Id}/transitions", new { to = "cancelled" });

        Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task UnknownEnumValuesAndMissingFieldsAre400sNamingTheField()
    {
        var order = await Seed.OrderAsync(Store, "north");
        var admin = await factory.ClientForAsync("admin");

        await Problems.AssertFieldAsync(await admin.PostAsJsonAsync($"/api/work-orders/{order.Id}/transitions", new { to = "done" }), "to", "'done' is not one of");
        await Problems.AssertFieldAsync(await admin.PostAsJsonAsync($"/api/work-orders/{order.Id}/transitions", new { to = "assigned" }), "to", "/assign");
        await Problems.AssertFieldAsync(await admin.PostAsJsonAsync($"/api/work-orders/{order.Id}/assign", new { }), "crewId", "crewId is required");
        await Problems.AssertFieldAsync(await admin.PostAsJsonAsync($"/api/work-orders/{order.Id}/comments", new { text = " " }), "text", "text is required");
        await Problems.AssertFieldAsync(await admin.GetAsync("/api/work-orders?status=finished"), "status", "'finished'");
        await Problems.AssertFieldAsync(await admin.GetAsync("/api/work-orders?category=plumbing"), "category", "'plumbing'");
        await Problems.AssertFieldAsync(await admin.GetAsync("/api/work-orders?overdue=maybe"), "overdue", "true or false");
    }

    [Fact]
    public async Task AMalformedOrMistypedBodyIsA400()
    {
        var order = await Seed.OrderAsync(Store, "north");
        var admin = await factory.ClientForAsync("admin");
        using var broken = new StringContent("{\"to\": ", Encoding.UTF8, "application/json");
        using var mistyped = new StringContent("{\"to\": \"in_progress\", \"expectedVersion\": \"two\"}", Encoding.UTF8, "application/json");

        await Problems.AssertAsync(await admin.PostAsync($"/api/work-orders/{order.Id}/transitions", broken), HttpStatusCode.BadRequest);
        var problem = await Problems.AssertAsync(await admin.PostAsync($"/api/work-orders/{order.Id}/transitions", mistyped), HttpStatusCode.BadRequest);
        Assert.Contains("expectedVersion", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListsFilterByStatusGridAssigneeAndOverdue()
    {
        var overdue = await Seed.OrderAsync(Store, "central", category: WorkOrderCategory.Gardening, slaDueAt: factory.Time.GetUtcNow().AddMinutes(-1));
        await Store.AssignAsync(overdue.Id, new Assignee("gardeners"), "test");
        var admin = await factory.ClientForAsync("admin");

        var byCrew = await admin.GetFromJsonAsync<JsonElement>("/api/work-orders?assignee=gardeners&grid=central&status=assigned&category=gardening");
        Assert.Contains(byCrew.EnumerateArray(), o => o.GetProperty("id").GetString() == overdue.Id);
        Assert.All(byCrew.EnumerateArray(), o => Assert.Equal("gardeners", o.GetProperty("assignee").GetProperty("crewId").GetString()));

        var late = await admin.GetFromJsonAsync<JsonElement>("/api/work-orders?overdue=true&grid=central");
        var item = late.EnumerateArray().Single(o => o.GetProperty("id").GetString() == overdue.Id);
        Assert.True(item.GetProperty("overdue").GetBoolean());
        Assert.Equal("p2", item.GetProperty("priority").GetString());
        Assert.Equal("resident", item.GetProperty("source").GetProperty("type").GetString());
        await Problems.AssertAsync(await (await factory.ClientForAsync("manager-north")).GetAsync("/api/work-orders?grid=south"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReadingAResidentsContactIsAuditedOnceAndHiddenFromPlanners()
    {
        var order = await Seed.OrderAsync(Store, "north", callbackContact: "138-0000-0000");
        var manager = await factory.ClientForAsync("manager-north");
        var planner = await factory.ClientForAsync("planner");

        var seen = await manager.GetFromJsonAsync<JsonElement>($"/api/work-orders/{order.Id}");
        var hidden = await planner.GetFromJsonAsync<JsonElement>($"/api/work-orders/{order.Id}");
        var listed = await manager.GetStringAsync("/api/work-orders?grid=north");

        Assert.Equal("138-0000-0000", seen.GetProperty("source").GetProperty("callbackContact").GetString());
        Assert.False(hidden.GetProperty("source").TryGetProperty("callbackContact", out _));
        Assert.DoesNotContain("138-0000-0000", listed, StringComparison.Ordinal);
        Assert.Equal(1, await AuditCountAsync(AuditActions.PersonalDataRead, order.Id));
    }
}
