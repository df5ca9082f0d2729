using System.Text;
using ParkCommunity.Gateway.Tests.Support;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.Ingestion;

/// <summary>
/// Every class of bad input, sent by a real device over MQTT to a gateway writing to the real InfluxDB:
/// each is acknowledged only once its dead letter is stored, carries its specific reason, and the good
/// data that came with it is stored.
/// </summary>
public sealed class MalformedInputTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_764_100_000_000);
    private readonly RegisteredDevice _device = RegistryLoader.Load(RepositoryRoot.SampleRegistry).Devices.First(d => d.Kind == "light");
    private GatewayHost _gateway = null!;
    private SampleDevice _client = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(GatewayHost.InfluxDbSettings(TestServers.UniqueName("malformed")));
        _client = await SampleDevice.ConnectAsync(_device, _gateway.BrokerPort);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    public static TheoryData<string, byte[]> BadPayloads => new()
    {
        { "InvalidJson", Utf8("""{"values":{"power_w":1}""") },
        { "InvalidUtf8", [.. Utf8("""{"values":{"mode":" """), 0xFF, 0xFE, .. Utf8("\"}}")] },
        { "WrongValueType", Utf8("""{"values":{"power_w":{"watts":1}}}""") },
        { "NonFiniteNumber", Utf8("""{"values":{"power_w":NaN}}""") },
        { "NonFiniteNumber", Utf8("""{"values":{"power_w":1e999}}""") },
        { "TooManyValues", Utf8("{\"values\":{" + string.Join(',', Enumerable.Range(0, 65).Select(i => $"\"v{i}\":1")) + "}}") },
        { "BadValueName", Utf8("""{"values":{"Power W":1}}""") },
        { "PayloadTooLarge", Utf8("{\"values\":{\"note\":\"" + new string('x', 70_000) + "\"}}") },
    };

    [Theory]
    [MemberData(nameof(BadPayloads))]
    public async Task EachMalformedPayloadIsDeadLetteredWithItsSpecificReason(string expectedReason, byte[] payload)
    {
        var result = await _client.PublishAsync(payload);

        Assert.True(result.IsSuccess, $"not acknowledged: {result.ReasonCode}");
        var letter = Assert.Single(await _gateway.DeadLetters.ListAsync(_device.Id, null, 10, CancellationToken.None));
        Assert.Equal(expectedReason, letter.Reason);
        Assert.False(string.IsNullOrWhiteSpace(letter.Detail));
        Assert.Equal(payload.Length, letter.PayloadLength);
        Assert.Equal(_client.TelemetryTopic, letter.Topic);
    }

    [Fact]
    public async Task ABatchWithSomeBadItemsStoresTheGoodOnesAndDeadLettersEachBadOne()
    {
        var ts = Start.ToUnixTimeMilliseconds();
        var batch = $$$"""
            [{"ts":{{{ts}}},"values":{"power_w":40.5,"on":true}},
             {"ts":{{{ts + 1}}},"values":{"mode":"{{{new string('x', 300)}}}"}},
             {"ts":{{{ts + 2}}},"values":{"power_w":41.0,"on":true}},
             {"ts":{{{ts + 3}}},"values":{"Bad Name":1}}]
            """;

        await _client.PublishAsync(batch);

        var reasons = (await _gateway.DeadLetters.ListAsync(_device.Id, null, 10, CancellationToken.None)).Select(l => l.Reason).Order().ToList();
        Assert.Equal(["BadValueName", "TextTooLong"], reasons);
        var stored = await _gateway.Reader.RangeAsync(new SeriesFilter(Devices: [_device.Id]), new TimeRange(Start, Start.AddMinutes(1)), 100, CancellationToken.None);
        Assert.Equal([40.5, 41.0], stored.Select(p => Convert.ToDouble(p.Values["power_w"], System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
