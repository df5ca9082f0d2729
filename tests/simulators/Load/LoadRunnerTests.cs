using ParkCommunity.Simulators.Load;
using ParkCommunity.Simulators.Tests.Support;

namespace ParkCommunity.Simulators.Tests.Load;

public sealed class LoadRunnerTests
{
    [Fact]
    public async Task NMessagesFromDDevicesOverCConnectionsAreAllAcknowledged()
    {
        // Load connections share one account rather than a device's own credentials.
        await using var broker = await TestBroker.StartAsync((_, user, password) => (user, password) == ("load", "secret"));
        var options = new LoadOptions
        {
            BrokerPort = broker.Port, Devices = 6, Connections = 3, Messages = 600, InFlight = 20,
            Username = "load", Password = "secret",
        };

        var summary = await new LoadRunner(options, TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.Equal((600L, 600L, 0L), (summary.Published, summary.Acknowledged, summary.Failed));
        Assert.True(summary.Rate > 0);
        Assert.Equal(6, broker.Received.Select(r => r.Topic).Distinct().Count());
        Assert.All(broker.Received, r => Assert.Matches("^pc/load/light/load-0000[1-6]/telemetry$", r.Topic));
    }

    [Fact]
    public async Task WithARegistryEachDevicePublishesOnItsOwnConnectionWithItsOwnCredentialsAndTopic()
    {
        await using var broker = await TestBroker.StartAsync((clientId, user, password) =>
            clientId == user && password == ParkCommunity.SiteRegistry.DemoSecrets.For(user));
        var registry = ParkCommunity.SiteRegistry.RegistryLoader.Load(ParkCommunity.TestSupport.RepositoryRoot.SampleRegistry);
        var options = new LoadOptions
        {
            BrokerPort = broker.Port, Devices = 8, Messages = 400, InFlight = 10,
            RegistryPath = ParkCommunity.TestSupport.RepositoryRoot.SampleRegistry,
        };

        var summary = await new LoadRunner(options, TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.Equal((400L, 400L, 0L), (summary.Published, summary.Acknowledged, summary.Failed));
        var expected = registry.Devices.Take(8).Select(d => $"pc/{d.Site.Id}/{d.Kind}/{d.Id}/telemetry").Order();
        Assert.Equal(expected, broker.Received.Select(r => r.Topic).Distinct().Order());
    }

    [Fact]
    public async Task TheRawEngineConnectsEachRegistryDeviceWithItsOwnCredentialsAndEveryPublishIsAcknowledged()
    {
        await using var broker = await TestBroker.StartAsync((clientId, user, password) =>
            clientId == user && password == ParkCommunity.SiteRegistry.DemoSecrets.For(user));
        var registry = ParkCommunity.SiteRegistry.RegistryLoader.Load(ParkCommunity.TestSupport.RepositoryRoot.SampleRegistry);
        var options = new LoadOptions
        {
            BrokerPort = broker.Port, Devices = 5, Messages = 1000, InFlight = 8, Engine = LoadEngine.Raw,
            RegistryPath = ParkCommunity.TestSupport.RepositoryRoot.SampleRegistry,
        };

        var summary = await new LoadRunner(options, TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.Equal((1000L, 1000L, 0L), (summary.Published, summary.Acknowledged, summary.Failed));
        Assert.Empty(broker.Refused);
        var expected = registry.Devices.Take(5).Select(d => $"pc/{d.Site.Id}/{d.Kind}/{d.Id}/telemetry").Order();
        Assert.Equal(expected, broker.Received.Select(r => r.Topic).Distinct().Order());
        foreach (var perDevice in broker.Received.GroupBy(r => r.Topic))
        {
            // Contract payloads, seq 1..n and strictly increasing timestamps per device (one point each in the store).
            var payloads = perDevice.Select(r => System.Text.Json.JsonDocument.Parse(r.Payload).RootElement).ToList();
            Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), payloads.Select(p => p.GetProperty("seq").GetInt64()).Order());
            Assert.Equal(200, payloads.Select(p => p.GetProperty("ts").GetInt64()).Distinct().Count());
            Assert.All(payloads, p => Assert.True(p.GetProperty("values").GetProperty("on").GetBoolean()));
        }
    }

    [Fact]
    public void TheRawEngineOnlyPublishesAtQos1WithoutPacing() =>
        Assert.Contains(new LoadOptions { Engine = LoadEngine.Raw, Qos = 0, Rate = 2 }.Problems(),
            p => p.Contains("--engine raw", StringComparison.Ordinal));

    [Fact]
    public void ARegistryRunCannotShareConnections() =>
        Assert.Contains(new LoadOptions { RegistryPath = "r.yaml", Devices = 8, Connections = 2 }.Problems(),
            p => p.Contains("--registry", StringComparison.Ordinal));
}
