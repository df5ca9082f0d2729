using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ParkCommunity.DashboardApi.Audit;
using ParkCommunity.DashboardApi.Tests.Support;

namespace ParkCommunity.DashboardApi.Tests.Accounts;

public sealed class SignInTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task SigningInSetsACookieThatShowsWhoIAm()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { username = "manager-north", password = "manager-demo" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("pc.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("manager-north", me.GetProperty("username").GetString());
        Assert.Equal(["manager"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["north"], me.GetProperty("grids").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(JsonValueKind.Null, me.GetProperty("crewId").ValueKind);
        Assert.Equal("tianfu-park", me.GetProperty("site").GetString());
    }

    [Fact]
    public async Task ACrewAccountCarriesItsCrewAndAnAdminSeesEveryGrid()
    {
        var crew = await (await factory.ClientForAsync("crew-north")).GetFromJsonAsync<JsonElement>("/api/me");
        var admin = await (await factory.ClientForAsync("admin")).GetFromJsonAsync<JsonElement>("/api/me");

        Assert.Equal("caretakers-north", crew.GetProperty("crewId").GetString());
        Assert.Equal(["north", "central", "south"], admin.GetProperty("grids").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task AWrongPasswordIsA401ProblemAndOneFailedSignInRecord()
    {
        var username = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/sign-in", new { username, password = "guess" });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Unknown username or wrong password.", problem.GetProperty("detail").GetString());
        var records = await factory.Service<IAuditLog>().QueryAsync(new AuditQuery(Action: AuditActions.SignInFailed, Limit: 1000), CancellationToken.None);
        Assert.Single(records, r => r.Target == username);
    }

    [Fact]
    public async Task WithoutSigningInTheApiAnswers401ProblemDetails()
    {
        var response = await factory.CreateClient().GetAsync("/api/me");

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ABearerTokenWorksAndExpiresWithItsLifetime()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = "planner", password = "planner-demo" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.Equal(DashboardFactory.Start.AddHours(12), body.GetProperty("expiresAt").GetDateTimeOffset());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString() + "x");
        await Problems.AssertAsync(await client.SendAsync(forged), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SigningOutEndsTheCookieSession()
    {
        var client = factory.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { username = "auditor", password = "auditor-demo" })).EnsureSuccessStatusCode();

        var signOut = await client.PostAsync("/api/auth/sign-out", null);

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task AMalformedBodyIsA400ThatSaysWhatIsWrong()
    {
        using var content = new StringContent("{\"username\": \"admin\", ", Encoding.UTF8, "application/json");
        var response = await factory.CreateClient().PostAsync("/api/auth/sign-in", content);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("LineNumber", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingCredentialsNameBothFields()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { });

        await Problems.AssertFieldAsync(response, "username", "username is required");
        var problem = await Problems.AssertAsync(await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { username = "admin" }), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }
}
