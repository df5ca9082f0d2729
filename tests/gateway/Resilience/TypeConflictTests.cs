using ParkCommunity.Gateway.DeadLetters;
using ParkCommunity.Gateway.Tests.Support;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.Resilience;

/// <summary>A point the real InfluxDB refuses costs only that point, with InfluxDB's own reason.</summary>
public sealed class TypeConflictTests
{
    [Fact]
    public async Task OnlyThePointWithAFieldTypeConflictIsDeadLetteredWithInfluxDbsReason()
    {
        var registry = RegistryLoader.Load(RepositoryRoot.SampleRegistry);
        var first = registry.Devices.First(d => d.Kind == "light");
        var second = registry.Devices.Where(d => d.Kind == "light").Skip(1).First();
        await using var gateway = await GatewayHost.StartAsync(GatewayHost.InfluxDbSettings(TestServers.UniqueName("conflict")));
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_764_500_000_000);
        var ts = start.ToUnixTimeMilliseconds();
        await using (var establish = await SampleDevice.ConnectAsync(first, gateway.BrokerPort))
        {
            await establish.PublishAsync($$$"""{"ts":{{{ts}}},"values":{"power_w":40.5}}""");
        }

        await using var client = await SampleDevice.ConnectAsync(second, gateway.BrokerPort);
        var result = await client.PublishAsync($$$"""
            [{"ts":{{{ts + 1}}},"values":{"power_w":41.5}},
             {"ts":{{{ts + 2}}},"values":{"power_w":true}},
             {"ts":{{{ts + 3}}},"values":{"power_w":42.5}}]
            """);

        Assert.True(result.IsSuccess, result.ReasonCode.ToString());
        var letter = Assert.Single(await gateway.DeadLetters.ListAsync(second.Id, null, 10, CancellationToken.None));
        Assert.Equal(DeadLetterReasons.StoreRejected, letter.Reason);
        Assert.Contains("field type conflict", letter.Detail, StringComparison.Ordinal);
        Assert.Contains("\"power_w\":true", letter.PayloadText, StringComparison.Ordinal);
        var stored = await gateway.Reader.RangeAsync(new SeriesFilter(Devices: [second.Id]), new TimeRange(start, start.AddMinutes(1)), 10, CancellationToken.None);
        Assert.Equal([41.5, 42.5], stored.Select(p => Convert.ToDouble(p.Values["power_w"], System.Globalization.CultureInfo.InvariantCulture)));
    }
}
