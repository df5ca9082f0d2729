using System.Collections.Concurrent;
using System.Globalization;
using ParkCommunity.Gateway.Tests.Support;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.Resilience;

/// <summary>A gateway killed with SIGKILL mid-stream loses nothing it acknowledged, and starts again cleanly.</summary>
public sealed class GatewayCrashTests
{
    private const int Devices = 50;

    [Fact]
    public async Task EveryMessageAcknowledgedBeforeASigkillIsStoredAndTheGatewayRestarts()
    {
        var database = TestServers.UniqueName("crash");
        using var data = new TempDirectory("pc-crash");
        await using var gateway = new GatewayProcess(data.Path, new Dictionary<string, string>
        {
            ["TelemetryStore:Backend"] = "InfluxDb",
            ["TelemetryStore:InfluxDb:Url"] = TestServers.InfluxDbUrl.ToString(),
            ["TelemetryStore:InfluxDb:Database"] = database,
        });
        await gateway.StartAsync();
        var devices = RegistryLoader.Load(RepositoryRoot.SampleRegistry).Devices.Take(Devices).ToList();
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_764_600_000_000);
        var acknowledged = new ConcurrentDictionary<string, ConcurrentBag<long>>();
        var enoughSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var total = 0;

        var publishers = devices.Select(device => Task.Run(async () =>
        {
            var acked = acknowledged.GetOrAdd(device.Id, _ => []);
            try
            {
                await using var client = await SampleDevice.ConnectAsync(device, gateway.BrokerPort);
                for (var seq = 0L; seq < 100_000; seq++)
                {
                    var ts = start.AddSeconds(seq).ToUnixTimeMilliseconds();
                    var result = await client.PublishAsync(string.Create(CultureInfo.InvariantCulture, $$$"""{"ts":{{{ts}}},"seq":{{{seq}}},"values":{"v":{{{seq}}}}}"""));
                    if (result.IsSuccess)
                    {
                        acked.Add(seq);
                        if (Interlocked.Increment(ref total) == 3_000)
                        {
                            enoughSent.TrySetResult();
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                // The gateway died under this device: what it acknowledged so far is what must be stored.
            }
        })).ToList();

        await enoughSent.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await gateway.KillAsync();
        await Task.WhenAll(publishers).WaitAsync(TimeSpan.FromSeconds(60));
        await gateway.StartAsync();

        await using var store = new StoreReader(database);
        var reader = store.Reader;
        foreach (var (device, acked) in acknowledged)
        {
            var stored = (await reader.RangeAsync(new SeriesFilter(Devices: [device]), new TimeRange(start, start.AddDays(2)), 100_000, CancellationToken.None))
                .Select(p => p.Seq).ToHashSet();
            var lost = acked.Where(seq => !stored.Contains(seq)).ToList();
            Assert.True(lost.Count == 0, $"{device}: {lost.Count} acknowledged messages missing, e.g. seq {string.Join(", ", lost.Take(5))}");
        }

        Assert.True(total >= 3_000);
        await using var after = await SampleDevice.ConnectAsync(devices[0], gateway.BrokerPort);
        Assert.True((await after.PublishAsync("""{"values":{"v":1}}""")).IsSuccess, "the restarted gateway does not take messages");
    }
}
