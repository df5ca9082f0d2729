using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet.Protocol;
using MQTTnet.Server;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Simulators.Tests.Support;

/// <summary>
/// A real MQTTnet broker on a free loopback port that checks each client's credentials against the demo
/// rule (user = client id = device id, password = "demo-" + id) and records every publish it accepts.
/// </summary>
internal sealed class TestBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    private TestBroker(MqttServer server, int port, Func<string, string, string, bool> accept)
    {
        _server = server;
        Port = port;
        server.ValidatingConnectionAsync += e =>
        {
            if (!accept(e.ClientId, e.UserName ?? "", e.Password ?? ""))
            {
                e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
                Refused.Add(e.ClientId);
            }

            return Task.CompletedTask;
        };
        server.InterceptingPublishAsync += e =>
        {
            Received.Enqueue((e.ClientId, e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
            Published?.Invoke();
            return Task.CompletedTask;
        };
    }

    public int Port { get; }

    public ConcurrentQueue<(string ClientId, string Topic, byte[] Payload, bool Retain)> Received { get; } = new();

    public ConcurrentBag<string> Refused { get; } = [];

    public event Action? Published;

    /// <summary>Starts the broker; <paramref name="accept"/> (client id, user, password) replaces the demo credential rule.</summary>
    public static async Task<TestBroker> StartAsync(Func<string, string, string, bool>? accept = null)
    {
        var port = FreePort.Next();
        var server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointPort(port).Build());
        var broker = new TestBroker(server, port, accept ?? ((client, user, password) => user == client && password == "demo-" + client));
        await server.StartAsync();
        return broker;
    }

    public async Task<Dictionary<string, string>> RetainedAsync() =>
        (await _server.GetRetainedMessagesAsync()).ToDictionary(m => m.Topic, m => System.Text.Encoding.UTF8.GetString(m.Payload.ToArray()));

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }
}
