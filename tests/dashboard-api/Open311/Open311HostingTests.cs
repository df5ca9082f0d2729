using System.Net;
using System.Text.Json;
using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.DashboardApi.Tests.Support;
using ParkCommunity.TestSupport;

namespace ParkCommunity.DashboardApi.Tests.Open311;

/// <summary>The dashboard serves residents' reports (Open311 GeoReport v2) where the case system can route them.</summary>
public sealed class Open311HostingTests
{
    [Fact]
    public async Task WithACrewRosterTheDashboardTakesResidentsReports()
    {
        using var factory = new DashboardFactory();
        factory.Settings["CaseSystem:CrewsPath"] = RepositoryRoot.File("deploy", "sample-community", "crews.yaml");
        using var client = factory.CreateClient();

        var services = await client.GetAsync(new Uri("/open311/v2/services.json", UriKind.Relative));
        using var report = await client.PostAsync(new Uri("/open311/v2/requests.json", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["jurisdiction_id"] = "tianfu-park",
            ["service_code"] = "electrical",
            ["description"] = "The lamp by the north gate is dark",
            ["address_string"] = "North gate, Tianfu Park",
            ["attribute[grid]"] = "north",
        }));

        Assert.Equal(HttpStatusCode.OK, services.StatusCode);
        Assert.Equal("application/json", services.Content.Headers.ContentType?.MediaType);
        var body = await report.Content.ReadAsStringAsync();
        Assert.True(report.IsSuccessStatusCode, body);
        using var created = JsonDocument.Parse(body);
        Assert.StartsWith("WO-", created.RootElement[0].GetProperty("service_request_id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResidentsReportsAreLimitedPerAddressWithAProblemSayingWhy()
    {
        using var factory = new DashboardFactory();
        factory.Settings["CaseSystem:CrewsPath"] = RepositoryRoot.File("deploy", "sample-community", "crews.yaml");
        using var client = factory.CreateClient();
        var services = new Uri("/open311/v2/services.json", UriKind.Relative);

        for (var i = 0; i < AuthenticationSetup.ResidentReportPermitsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(services)).StatusCode);
        }

        var refused = await client.GetAsync(services);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("report requests per minute", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutACrewRosterThereIsNoOpen311Endpoint()
    {
        using var factory = new DashboardFactory();
        using var client = factory.CreateClient();

        var services = await client.GetAsync(new Uri("/open311/v2/services.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, services.StatusCode);
    }
}
