using ParkCommunity.Gateway.Tests.Support;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.EndToEnd;

/// <summary>What the README promises a newcomer, with the real mosquitto_pub against the gateway's in-process broker.</summary>
public sealed class MosquittoPubTests : IAsyncLifetime
{
    private readonly RegisteredDevice _device = RegistryLoader.Load(RepositoryRoot.SampleRegistry).Devices.First(d => d.Id == "light-n-001");
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task ASampleDevicePublishingWithItsDemoSecretIsStoredAndCanBeReadBack()
    {
        var (exitCode, output) = await PublishAsync(DemoSecrets.For(_device.Id), $"pc/tianfu-park/light/{_device.Id}/telemetry",
            """{"seq":1,"values":{"power_w":41.5,"on":true,"dim_pct":80}}""");

        Assert.True(exitCode == 0, output);
        var latest = Assert.Single(await _gateway.Reader.LatestAsync(new SeriesFilter(Devices: [_device.Id]), CancellationToken.None));
        Assert.Equal(41.5, Convert.ToDouble(latest.Values["power_w"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("north", "north-street"), (latest.Grid, latest.Zone));
    }

    [Fact]
    public async Task AWrongPasswordIsRefused()
    {
        var (exitCode, output) = await PublishAsync("not-the-secret", $"pc/tianfu-park/light/{_device.Id}/telemetry", """{"values":{"power_w":1}}""");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("user name or password", output, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await _gateway.Reader.LatestAsync(new SeriesFilter(Devices: [_device.Id]), CancellationToken.None));
    }

    [Fact]
    public async Task PublishingUnderAnotherDevicesTopicIsRefused()
    {
        var (exitCode, output) = await PublishAsync(DemoSecrets.For(_device.Id), "pc/tianfu-park/light/light-n-002/telemetry", """{"values":{"power_w":1}}""");

        Assert.True(exitCode != 0 || output.Contains("not authorized", StringComparison.OrdinalIgnoreCase), $"exit {exitCode}: {output}");
        Assert.Empty(await _gateway.Reader.LatestAsync(new SeriesFilter(Devices: ["light-n-002"]), CancellationToken.None));
    }

    // -q 1 with MQTT 5 makes mosquitto_pub wait for the PUBACK and report its reason code.
    private Task<(int ExitCode, string Output)> PublishAsync(string password, string topic, string payload) =>
        ProcessRunner.RunAsync(ProcessRunner.Find("mosquitto_pub"),
            ["-h", "127.0.0.1", "-p", _gateway.BrokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-V", "mqttv5", "-q", "1",
             "-i", _device.Id, "-u", _device.Id, "-P", password, "-t", topic, "-m", payload]);
}
