using System.Text;
using ParkCommunity.Gateway.Tests.Support;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.Privacy;

/// <summary>Residents passing access points: their card ids never reach storage or logs in the clear.</summary>
public sealed class AccessEventPrivacyTests
{
    private const string CardId = "CARD-4711-RESIDENT";

    [Fact]
    public async Task ACardIdInAnAccessEventIsStoredOnlyAsAStableKeyedPseudonym()
    {
        var device = RegistryLoader.Load(RepositoryRoot.SampleRegistry).Devices.First(d => d.Kind == "access");
        IReadOnlyList<StoredPoint> events;
        await using (var gateway = await GatewayHost.StartAsync())
        {
            await using var client = await SampleDevice.ConnectAsync(device, gateway.BrokerPort);
            var topic = $"pc/{device.Site.Id}/access/{device.Id}/event";
            var start = DateTimeOffset.FromUnixTimeMilliseconds(1_764_400_000_000);
            foreach (var offset in new[] { 0, 1000 })
            {
                var result = await client.PublishAsync($$$"""{"ts":{{{start.ToUnixTimeMilliseconds() + offset}}},"type":"access_denied","data":{"card_id":"{{{CardId}}}","door":"east"}}""", topic);
                Assert.True(result.IsSuccess, result.ReasonCode.ToString());
            }

            events = await gateway.Reader.RangeAsync(new SeriesFilter(Kind: "access_events", Devices: [device.Id]),
                new TimeRange(start, start.AddMinutes(1)), 10, CancellationToken.None);
            Assert.DoesNotContain(gateway.Logs.Entries, e => e.Message.Contains(CardId, StringComparison.Ordinal));
            Assert.False(ContainsBytes(gateway.TelemetryDatabasePath, CardId), "the raw card id was written to the telemetry database");
        }

        Assert.Equal(2, events.Count);
        var data = events.Select(e => (string)e.Values["data"]).ToList();
        Assert.All(data, d => Assert.DoesNotContain(CardId, d, StringComparison.Ordinal));
        Assert.All(data, d => Assert.Contains("\"card_id\":\"p:", d, StringComparison.Ordinal));
        Assert.All(data, d => Assert.Contains("\"door\":\"east\"", d, StringComparison.Ordinal));
        Assert.Equal(data[0], data[1]);
    }

    [Fact]
    public async Task ABrokenEventIsDeadLetteredWithoutItsBytesSinceTheyMayHoldACardId()
    {
        var device = RegistryLoader.Load(RepositoryRoot.SampleRegistry).Devices.First(d => d.Kind == "access");
        await using var gateway = await GatewayHost.StartAsync();
        await using var client = await SampleDevice.ConnectAsync(device, gateway.BrokerPort);
        var broken = $$$"""{"type":"access_denied","data":{"card_id":"{{{CardId}}}" """;

        await client.PublishAsync(broken, $"pc/{device.Site.Id}/access/{device.Id}/event");

        var letter = Assert.Single(await gateway.DeadLetters.ListAsync(device.Id, null, 10, CancellationToken.None));
        Assert.Equal("InvalidJson", letter.Reason);
        Assert.Empty(letter.Payload);
        Assert.Equal(Encoding.UTF8.GetByteCount(broken), letter.PayloadLength);
    }

    private static bool ContainsBytes(string path, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*")
            .Any(file => File.ReadAllBytes(file).AsSpan().IndexOf(needle) >= 0);
    }
}
