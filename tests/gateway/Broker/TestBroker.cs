using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using ParkCommunity.Gateway.Broker;
using ParkCommunity.Gateway.Hosting;
using ParkCommunity.Gateway.Ingestion;
using ParkCommunity.Gateway.Tests.Support;

namespace ParkCommunity.Gateway.Tests.Broker;

/// <summary>
/// The in-process broker on a free loopback port, composed through <see cref="BrokerServiceCollectionExtensions.AddInProcessBroker"/>
/// with the test registry and a <see cref="RecordingSink"/>. Disposing it fails the test if anything logged an error
/// that the test did not expect.
/// </summary>
internal sealed class TestBroker : IAsyncDisposable
{
    public const string ServiceAccount = "rules";
    public const string ServiceSecret = "rules-secret";

    private readonly IHost _host;
    private readonly List<IMqttClient> _clients = [];

    private TestBroker(IHost host, RecordingSink sink, CollectingLoggerProvider logs)
    {
        _host = host;
        Sink = sink;
        Logs = logs;
        Broker = host.Services.GetRequiredService<InProcessBroker>();
    }

    public InProcessBroker Broker { get; }

    public IServiceProvider Services => _host.Services;

    public RecordingSink Sink { get; }

    public CollectingLoggerProvider Logs { get; }

    public int Port => Broker.LocalEndPoint!.Port;

    public bool ErrorsExpected { get; set; }

    public static async Task<TestBroker> StartAsync(Action<InProcessBrokerOptions>? configure = null)
    {
        var sink = new RecordingSink();
        var logs = new CollectingLoggerProvider();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(logs);
        builder.Services.AddOptions<GatewayOptions>();
        builder.Services.AddSingleton(BrokerTestRegistry.Create());
        builder.Services.AddSingleton<IDeviceMessageSink>(sink);
        builder.Services.AddInProcessBroker();
        builder.Services.Configure<InProcessBrokerOptions>(o =>
        {
            o.Port = 0;
            o.ServiceAccounts.Add(new BrokerServiceAccount { Username = ServiceAccount, CredentialHash = MosquittoHash.Of(ServiceSecret) });
            configure?.Invoke(o);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new TestBroker(host, sink, logs);
    }

    public IEnumerable<string> LoggedMessages => Logs.Entries.Select(e => e.Message);

    public MqttClientOptions OptionsFor(string username, string password, string? clientId = null, MqttProtocolVersion version = MqttProtocolVersion.V500) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", Port)
            .WithClientId(clientId ?? username)
            .WithCredentials(username, password)
            .WithProtocolVersion(version)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();

    /// <summary>Connects an MQTTnet client and returns the CONNACK result code (MQTTnet 5 reports refusals as results).</summary>
    public async Task<(IMqttClient Client, MqttClientConnectResultCode Code)> TryConnectAsync(MqttClientOptions options)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        _clients.Add(client);
        var result = await client.ConnectAsync(options);
        return (client, result.ResultCode);
    }

    /// <summary>Connects device <paramref name="deviceId"/> with its own secret; the connection must succeed.</summary>
    public async Task<IMqttClient> ConnectDeviceAsync(string deviceId, MqttProtocolVersion version = MqttProtocolVersion.V500, string? clientId = null)
    {
        var (client, code) = await TryConnectAsync(OptionsFor(deviceId, BrokerTestRegistry.SecretOf(deviceId), clientId, version));
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        return client;
    }

    public static string TopicOf(string kind, string deviceId, string channel = "telemetry") =>
        $"pc/{BrokerTestRegistry.Site}/{kind}/{deviceId}/{channel}";

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _host.StopAsync();
        _host.Dispose();
        if (!ErrorsExpected)
        {
            Assert.Empty(Logs.Errors);
        }
    }
}
