using System.Net;
using System.Net.Http.Json;
using ParkCommunity.DashboardApi.Tests.Support;

namespace ParkCommunity.DashboardApi.Tests.Accounts;

public sealed class SignInRateLimitTests : IDisposable
{
    private readonly DashboardFactory _factory = new();

    public SignInRateLimitTests() => _factory.Settings["Dashboard:SignInPermitsPerMinute"] = "2";

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SignInAttemptsBeyondTheLimitAre429ProblemDetails()
    {
        var client = _factory.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/sign-in", new { username = "admin", password = "guess" })).StatusCode);
        }

        var problem = await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = "admin-demo" }), (HttpStatusCode)429);

        Assert.Contains("At most 2 sign-in attempts per minute", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/open/parking")).StatusCode);
    }
}
