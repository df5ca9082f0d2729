using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore;
using ParkCommunity.TelemetryStore.InfluxDb.LineProtocol;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.EndToEnd;

/// <summary>
/// Ceiling (a): InfluxDB alone. The points the end-to-end run stores — the same devices, series, fields and line
/// protocol (encoded by the gateway's encoder) — written straight to <c>/write</c> in large batches by a few
/// concurrent writers, with nothing else in the way. Encoding happens before the clock starts.
/// </summary>
internal static class InfluxCeiling
{
    public static async Task<int> RunAsync(Uri url, string database, int devices, long points, int batchPoints, int writers, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        using (var create = await http.PostAsync(new Uri($"query?q={Uri.EscapeDataString($"CREATE DATABASE \"{database}\"")}", UriKind.Relative), null, cancellationToken).ConfigureAwait(false))
        {
            create.EnsureSuccessStatusCode();
        }

        var bodies = Encode(devices, points, batchPoints);
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Count)
            {
                using var content = new ByteArrayContent(bodies[i]);
                content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
                using var response = await http.PostAsync(new Uri($"write?db={Uri.EscapeDataString(database)}&precision=ms", UriKind.Relative), content, cancellationToken)
                    .ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"InfluxDB {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
                }
            }
        })).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"influx ceiling: {points} points in {bodies.Count} batches of {batchPoints} by {writers} writers: {elapsed.TotalSeconds:F2} s, {points / elapsed.TotalSeconds:F0} points/s (writer CPU {cpu.TotalMilliseconds * 1000 / points:F2} µs/point)"))
            .ConfigureAwait(false);
        return 0;
    }

    /// <summary>The load tool's messages as the gateway stores them: device d's n-th reading has seq n, power_w, on, ms timestamps one apart.</summary>
    private static List<byte[]> Encode(int devices, long points, int batchPoints)
    {
        var zones = 20;
        var series = Enumerable.Range(1, devices)
            .Select(d => new SeriesKey("light", RegistryGenerator.SiteId, $"grid-{((d - 1) * zones / devices / 5) + 1}", $"zone-{(((d - 1) * zones / devices) / 5) + 1}-{((d - 1) * zones / devices % 5) + 1}", $"bench-{d:D4}"))
            .ToArray();
        var start = DateTimeOffset.UnixEpoch.AddYears(56).ToUnixTimeMilliseconds();
        var bodies = new List<byte[]>();
        var batch = new TelemetryBatch(batchPoints);
        var fields = new TelemetryField[2];
        for (long p = 0; p < points; p++)
        {
            var d = (int)(p % devices);
            var n = (p / devices) + 1;
            fields[0] = TelemetryField.OfNumber("power_w", 40 + (p % 20));
            fields[1] = TelemetryField.OfBoolean("on", true);
            batch.Add(series[d], start + n, n, fields);
            if (batch.Count == batchPoints || p == points - 1)
            {
                using var buffer = new PooledBufferWriter();
                LineProtocolEncoder.AppendBatch(batch, buffer, null);
                bodies.Add(buffer.WrittenMemory.ToArray());
                batch.Clear();
            }
        }

        return bodies;
    }
}
