using System.Globalization;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Gateway.Tests.Support;

/// <summary>Many sample devices publishing at once, each on its own connection with its own credentials.</summary>
public static class SampleFleet
{
    /// <summary>
    /// Each device publishes <paramref name="messagesPerDevice"/> readings (seq 0…, one second apart from
    /// <paramref name="start"/>), waiting for each PUBACK; returns how many were not acknowledged as success.
    /// </summary>
    public static async Task<int> PublishReadingsAsync(IReadOnlyList<RegisteredDevice> devices, int brokerPort, int messagesPerDevice, DateTimeOffset start)
    {
        var failures = 0;
        await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = devices.Count }, async (device, _) =>
        {
            await using var client = await SampleDevice.ConnectAsync(device, brokerPort);
            for (var seq = 0; seq < messagesPerDevice; seq++)
            {
                var ts = start.AddSeconds(seq).ToUnixTimeMilliseconds();
                var result = await client.PublishAsync(string.Create(CultureInfo.InvariantCulture,
                    $$$"""{"ts":{{{ts}}},"seq":{{{seq}}},"values":{"reading":{{{seq * 0.5}}},"ok":true}}"""));
                if (!result.IsSuccess)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        return failures;
    }
}
