using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using ParkCommunity.Gateway.Tests.Support;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.Resilience;

/// <summary>External-broker mode: mosquitto (with persistence) restarted mid-stream loses nothing once devices reconnect.</summary>
public sealed class BrokerRestartTests
{
    private const int Devices = 20;
    private const int MessagesPerDevice = 150;

    [Fact]
    public async Task EveryMessageMosquittoAcknowledgedIsStoredAfterItRestartsMidStream()
    {
        await using var mosquitto = new MosquittoProcess();
        await mosquitto.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:BrokerMode"] = "External",
            ["Gateway:ExternalBroker:Port"] = mosquitto.Port.ToString(CultureInfo.InvariantCulture),
            ["Gateway:ExternalBroker:ClientId"] = "pc-gateway-restart-test",
        });
        var devices = RegistryLoader.Load(RepositoryRoot.SampleRegistry).Devices.Take(Devices).ToList();
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_764_700_000_000);
        var acknowledged = new ConcurrentDictionary<string, ConcurrentBag<long>>();
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var total = 0;

        var publishers = devices.Select(device => Task.Run(async () =>
        {
            var acked = acknowledged.GetOrAdd(device.Id, _ => []);
            var topic = $"pc/{device.Site.Id}/{device.Kind}/{device.Id}/telemetry";
            using var client = new MqttClientFactory().CreateMqttClient();
            for (var seq = 0L; seq < MessagesPerDevice;)
            {
                try
                {
                    if (!client.IsConnected)
                    {
                        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mosquitto.Port).WithClientId(device.Id).Build());
                    }

                    var ts = start.AddSeconds(seq).ToUnixTimeMilliseconds();
                    var message = new MqttApplicationMessageBuilder().WithTopic(topic)
                        .WithPayload(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$$"""{"ts":{{{ts}}},"seq":{{{seq}}},"values":{"v":{{{seq}}}}}""")))
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
                    if ((await client.PublishAsync(message)).IsSuccess)
                    {
                        acked.Add(seq);
                        seq++;
                        if (Interlocked.Increment(ref total) == Devices * MessagesPerDevice / 2)
                        {
                            halfway.TrySetResult();
                        }
                    }
                }
                catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
                {
                    // The broker is restarting: like a real device, try the same message again shortly.
                    await Task.Delay(100);
                }
            }
        })).ToList();

        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await mosquitto.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await mosquitto.StartAsync();
        await Task.WhenAll(publishers).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(Devices * MessagesPerDevice, acknowledged.Values.Sum(a => a.Distinct().Count()));
        var range = new TimeRange(start, start.AddSeconds(MessagesPerDevice));
        var stored = await Eventually.ReturnsAsync(
            () => gateway.Reader.CountAsync(SeriesFilter.All, range, CancellationToken.None),
            count => count >= Devices * MessagesPerDevice, TimeSpan.FromSeconds(60));
        Assert.Equal(Devices * MessagesPerDevice, stored);
    }
}
