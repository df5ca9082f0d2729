using System.Diagnostics;
using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using ParkCommunity.Gateway.ExternalBroker.Mosquitto;
using ParkCommunity.Gateway.Tests.Support;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.ExternalBroker;

/// <summary>The generated password file and ACL, loaded by a real mosquitto.</summary>
public sealed class MosquittoConfigTests : IAsyncLifetime
{
    private const string ServiceSecret = "service-secret";
    private readonly TempDirectory _folder = new("pc-mosquitto");
    private readonly CommunityRegistry _registry = RegistryLoader.Load(RepositoryRoot.SampleRegistry);
    private readonly int _port = FreePort.Next();
    private Process? _mosquitto;

    public async Task InitializeAsync()
    {
        MosquittoConfigWriter.Write(_registry, _folder.Path, "pc", [new ServiceAccount("pc-gateway", DeviceCredentials.Hash(ServiceSecret))]);
        var config = File.ReadAllText(_folder.File(MosquittoConfigWriter.ConfigFile))
            // As root, mosquitto would switch to its own user, which cannot read a private temp folder.
            + $"\nuser root\nlistener {_port} 127.0.0.1\n";
        File.WriteAllText(_folder.File("test.conf"), config);
        _mosquitto = Process.Start(new ProcessStartInfo(ProcessRunner.Find("mosquitto"), ["-c", _folder.File("test.conf")]) { RedirectStandardError = true });
        await Loopback.WaitForListenerAsync(_port);
    }

    public Task DisposeAsync()
    {
        _mosquitto?.Kill();
        _mosquitto?.WaitForExit(5_000);
        _mosquitto?.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ADeviceWithItsSecretPublishesOnItsOwnTopicAndTheServiceAccountReceivesIt()
    {
        var device = _registry.Devices[0];
        using var service = await ConnectAsync("pc-gateway", ServiceSecret);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        service.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };
        await service.SubscribeAsync("pc/#", MqttQualityOfServiceLevel.AtLeastOnce);
        using var client = await ConnectAsync(device.Id, DemoSecrets.For(device.Id));

        var result = await client.PublishAsync(Message($"pc/{device.Site.Id}/{device.Kind}/{device.Id}/telemetry"));

        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
        Assert.Equal($"pc/{device.Site.Id}/{device.Kind}/{device.Id}/telemetry", await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task PublishingUnderAnotherDevicesTopicIsNotAuthorized()
    {
        var device = _registry.Devices[0];
        var other = _registry.Devices[1];
        using var client = await ConnectAsync(device.Id, DemoSecrets.For(device.Id));

        var result = await client.PublishAsync(Message($"pc/{other.Site.Id}/{other.Kind}/{other.Id}/telemetry"));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
    }

    [Fact]
    public async Task AWrongPasswordIsRefused()
    {
        var device = _registry.Devices[0];
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(Options(device.Id, "wrong"));

        // mosquitto 2.0 answers a wrong password with Not authorized (0x87) on MQTT 5.
        Assert.Contains(result.ResultCode, new[] { MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized });
    }

    private MqttClientOptions Options(string user, string password) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", _port).WithClientId(user + "-" + Guid.NewGuid().ToString("N")[..6])
        .WithCredentials(user, password).WithProtocolVersion(MqttProtocolVersion.V500).Build();

    private async Task<IMqttClient> ConnectAsync(string user, string password)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(Options(user, password));
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return client;
    }

    private static MqttApplicationMessage Message(string topic) => new MqttApplicationMessageBuilder()
        .WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes("""{"values":{"v":1}}"""))
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
}
