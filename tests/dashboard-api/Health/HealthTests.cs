using System.Net;
using System.Text.Json;
using ParkCommunity.DashboardApi.Tests.Support;

namespace ParkCommunity.DashboardApi.Tests.Health;

public sealed class HealthTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpointsAnswerWithoutSigningIn(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheOpenApiDocumentListsTheEndpoints()
    {
        var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/api/work-orders/{id}/transitions", paths);
        Assert.Contains("/api/telemetry/export.csv", paths);
        Assert.Contains("/api/open/parking", paths);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/scalar")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownApiPathIsA404Problem()
    {
        await Problems.AssertAsync(await factory.CreateClient().GetAsync("/api/nothing-here"), HttpStatusCode.NotFound);
    }
}
