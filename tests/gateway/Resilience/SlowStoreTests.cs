using System.Globalization;
using MQTTnet;
using ParkCommunity.Gateway.Tests.Support;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TestSupport;
using Xunit.Abstractions;

namespace ParkCommunity.Gateway.Tests.Resilience;

/// <summary>Fast devices, slow store: receiving slows down instead of memory growing, and nothing is dropped.</summary>
public sealed class SlowStoreTests(ITestOutputHelper output)
{
    private const int Devices = 100;
    private const int MessagesPerDevice = 200;
    private const int InFlightPerDevice = 50;
    private const long MemoryBound = 256L * 1024 * 1024;

    [Fact]
    public async Task BehindASlowInfluxDbTheGatewaysPeakMemoryStaysBoundedAndEveryMessageIsStored()
    {
        var database = TestServers.UniqueName("slow");
        await using var slowLink = new SlowTcpProxy(TestServers.InfluxDbUrl.Port, TimeSpan.FromMilliseconds(100));
        using var data = new TempDirectory("pc-slow");
        await using var gateway = new GatewayProcess(data.Path, new Dictionary<string, string>
        {
            ["TelemetryStore:Backend"] = "InfluxDb",
            ["TelemetryStore:InfluxDb:Url"] = $"http://127.0.0.1:{slowLink.Port}",
            ["TelemetryStore:InfluxDb:Database"] = database,
            ["TelemetryStore:InfluxDb:Timeout"] = "00:01:00",
            ["Gateway:Ingestion:MaxBufferedPoints"] = "5000",
        });
        await gateway.StartAsync();
        var devices = RegistryLoader.Load(RepositoryRoot.SampleRegistry).Devices.Take(Devices).ToList();
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_764_800_000_000);
        var failed = 0;

        await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = Devices }, async (device, cancel) =>
        {
            await using var client = await SampleDevice.ConnectAsync(device, gateway.BrokerPort);
            using var window = new SemaphoreSlim(InFlightPerDevice);
            var pending = new List<Task>();
            for (var seq = 0; seq < MessagesPerDevice; seq++)
            {
                await window.WaitAsync(cancel);
                var ts = start.AddSeconds(seq).ToUnixTimeMilliseconds();
                pending.Add(PublishAsync(client, string.Create(CultureInfo.InvariantCulture, $$$"""{"ts":{{{ts}}},"seq":{{{seq}}},"values":{"v":{{{seq}}}}}"""), window));
            }

            await Task.WhenAll(pending);
        });

        async Task PublishAsync(SampleDevice client, string payload, SemaphoreSlim window)
        {
            try
            {
                if (!(await client.PublishAsync(payload)).IsSuccess)
                {
                    Interlocked.Increment(ref failed);
                }
            }
            finally
            {
                window.Release();
            }
        }

        var peak = gateway.PeakResidentBytes();
        output.WriteLine($"gateway peak RSS: {peak / (1024 * 1024)} MiB");
        Assert.Equal(0, failed);
        Assert.True(peak < MemoryBound, $"peak RSS {peak / (1024 * 1024)} MiB exceeds {MemoryBound / (1024 * 1024)} MiB");
        await using var store = new StoreReader(database);
        var stored = await store.Reader.CountAsync(SeriesFilter.All,
            new TimeRange(start, start.AddSeconds(MessagesPerDevice)), CancellationToken.None);
        Assert.Equal(Devices * MessagesPerDevice, stored);
    }
}
