using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ParkCommunity.DashboardApi.Accounts;
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
    public async Task ChangingAManagersGridsEndsTheirTokensAndTheNextSignInHasTheNewScope()
    {
        var manager = await _factory.ClientForAsync("manager-north");
        var admin = await _factory.ClientForAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/alarms")).StatusCode);

        var changed = await admin.PutAsync("/api/accounts/manager-north/access", Json("""{"roles": ["manager"], "grids": ["south"]}"""));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var refused = await manager.GetAsync("/api/alarms");
        await Problems.AssertAsync(refused, HttpStatusCode.Unauthorized);
        var again = await _factory.ClientForAsync("manager-north");
        var me = await again.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(["south"], me.GetProperty("grids").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(1, await AuditCountAsync(AuditActions.AccountAccessChange, "manager-north"));
    }

    [Fact]
    public async Task ADisabledAccountCannotSignInAndItsTokensStopWorkingEvenAfterItIsEnabledAgain()
    {
        var planner = await _factory.ClientForAsync("planner");
        var admin = await _factory.ClientForAsync("admin");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/accounts/planner/disable", null)).StatusCode);

        await Problems.AssertAsync(await planner.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
        var signIn = await _factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { username = "planner", password = "planner-demo" });
        await Problems.AssertAsync(signIn, HttpStatusCode.Unauthorized);
        Assert.Contains("\"planner\"", await admin.GetStringAsync("/api/accounts"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/accounts/planner/enable", null)).StatusCode);

        await Problems.AssertAsync(await planner.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await (await _factory.ClientForAsync("planner")).GetAsync("/api/me")).StatusCode);
        Assert.Equal(1, await AuditCountAsync(AuditActions.AccountDisable, "planner"));
        Assert.Equal(1, await AuditCountAsync(AuditActions.AccountEnable, "planner"));
    }

    [Fact]
    public async Task AChangeMadeOnAnotherNodeTakesEffectWithinTheAccessChecksMaximumAge()
    {
        var crew = await _factory.ClientForAsync("crew-north");
        Assert.Equal(HttpStatusCode.OK, (await crew.GetAsync("/api/me")).StatusCode);

        // Straight in the shared database, as another dashboard node would: this node learns it when its copy is too old.
        await _factory.Service<IAccountStore>().SetDisabledAsync("crew-north", _factory.Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, (await crew.GetAsync("/api/me")).StatusCode);
        _factory.Time.Advance(AccessCheck.MaxAge);
        await Problems.AssertAsync(await crew.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnAdminCannotLockThemselvesOutAndOnlyAdminsChangeAccess()
    {
        var admin = await _factory.ClientForAsync("admin");
        var manager = await _factory.ClientForAsync("manager");

        await Problems.AssertAsync(await admin.PutAsync("/api/accounts/admin/access", Json("""{"roles": ["planner"]}""")), HttpStatusCode.Conflict);
        await Problems.AssertAsync(await admin.PostAsync("/api/accounts/admin/disable", null), HttpStatusCode.Conflict);
        await Problems.AssertAsync(await admin.PostAsync("/api/accounts/ghost/disable", null), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await admin.PutAsync("/api/accounts/ghost/access", Json("""{"roles": ["planner"]}""")), HttpStatusCode.NotFound);
        await Problems.AssertFieldAsync(await admin.PutAsync("/api/accounts/planner/access", Json("""{"roles": ["crew"], "grids": ["east"]}""")), "crewId", "required");
        await Problems.AssertAsync(await manager.PostAsync("/api/accounts/planner/disable", null), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/me")).StatusCode);
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
