using System.Net;
using System.Net.Http.Json;
using ParkCommunity.DashboardApi.Tests.Support;

namespace ParkCommunity.DashboardApi.Tests.Accounts;

/// <summary>Every endpoint that needs an account answers 401 Problem Details without one; the open ones do not.</summary>
public sealed class SignedOutTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData("GET", "/api/me")]
    [InlineData("GET", "/api/sites")]
    [InlineData("GET", "/api/devices")]
    [InlineData("GET", "/api/devices/light-n-001")]
    [InlineData("GET", "/api/devices/light-n-001/readings")]
    [InlineData("GET", "/api/status/summary")]
    [InlineData("GET", "/api/telemetry/aggregate?kind=light&field=power_w")]
    [InlineData("GET", "/api/telemetry/export.csv?kind=light&field=power_w")]
    [InlineData("GET", "/api/work-orders")]
    [InlineData("GET", "/api/work-orders/WO-1")]
    [InlineData("POST", "/api/work-orders/WO-1/assign")]
    [InlineData("POST", "/api/work-orders/WO-1/transitions")]
    [InlineData("POST", "/api/work-orders/WO-1/comments")]
    [InlineData("GET", "/api/analytics/work-orders")]
    [InlineData("GET", "/api/audit")]
    [InlineData("GET", "/api/live")]
    public async Task WithoutAnAccountTheAnswerIs401(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { to = "closed", crewId = "x", text = "x" });
        }

        await Problems.AssertAsync(await factory.CreateClient().SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/api/open/parking")]
    [InlineData("/api/open/park-visitors")]
    [InlineData("/api/open/lighting-energy")]
    [InlineData("/health/live")]
    public async Task OpenDataAndHealthNeedNoAccount(string path)
    {
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(path)).StatusCode);
    }
}
