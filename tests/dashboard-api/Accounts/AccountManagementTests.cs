using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ParkCommunity.DashboardApi.Audit;
using ParkCommunity.DashboardApi.Tests.Support;

namespace ParkCommunity.DashboardApi.Tests.Accounts;

public sealed class AccountManagementTests : IDisposable
{
    private readonly DashboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private async Task<int> AuditCountAsync(string action, string target) =>
        (await _factory.Service<IAuditLog>().QueryAsync(new AuditQuery(Action: action, Limit: 10_000), CancellationToken.None)).Count(r => r.Target == target);

    [Fact]
    public async Task AnAdminCreatesAnAccountThatCanSignInWithOneAuditRecord()
    {
        var admin = await _factory.ClientForAsync("admin");

        var created = await admin.PostAsync("/api/accounts", Json("""
            {"username": "li.wei", "displayName": "Li Wei", "password": "a-long-password", "roles": ["crew"], "grids": ["south"], "crewId": "parking-south"}
            """));
        var signIn = await _factory.CreateClient().PostAsJsonAsync("/api/auth/sign-in", new { username = "li.wei", password = "a-long-password" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var me = await signIn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["south"], me.GetProperty("grids").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("parking-south", me.GetProperty("crewId").GetString());
        Assert.Equal(1, await AuditCountAsync(AuditActions.AccountCreate, "li.wei"));
        Assert.Contains("li.wei", await admin.GetStringAsync("/api/accounts"), StringComparison.Ordinal);
        await Problems.AssertAsync(await admin.PostAsync("/api/accounts", Json("""
            {"username": "li.wei", "displayName": "Again", "password": "a-long-password", "roles": ["planner"]}
            """)), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task OnlyAdminsManageAccountsAndBadAccountsNameEveryField()
    {
        var manager = await _factory.ClientForAsync("manager");
        var admin = await _factory.ClientForAsync("admin");

        await Problems.AssertAsync(await manager.GetAsync("/api/accounts"), HttpStatusCode.Forbidden);
        var response = await admin.PostAsync("/api/accounts", Json("""{"username": "Bad Name", "password": "short", "roles": ["boss", "crew"], "grids": ["east"]}"""));
        await Problems.AssertFieldAsync(response, "username", "a-z");
        var problem = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["username", "displayName", "password", "roles", "grids", "crewId"], problem.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task ChangingMyPasswordRetiresTheDemoPassword()
    {
        var planner = await _factory.ClientForAsync("planner");

        await Problems.AssertFieldAsync(await planner.PostAsJsonAsync("/api/me/password", new { currentPassword = "planner-demo", newPassword = "admin-demo" }), "newPassword", "12 to 256");
        await Problems.AssertAsync(await planner.PostAsJsonAsync("/api/me/password", new { currentPassword = "wrong", newPassword = "a-much-better-one" }), HttpStatusCode.Forbidden);
        var changed = await planner.PostAsJsonAsync("/api/me/password", new { currentPassword = "planner-demo", newPassword = "a-much-better-one" });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { username = "planner", password = "planner-demo" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { username = "planner", password = "a-much-better-one" })).StatusCode);
        Assert.Equal(1, await AuditCountAsync(AuditActions.AccountPasswordChange, "planner"));
    }
}
