using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ParkCommunity.DashboardApi.Hosting;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.DashboardApi.OpenData;

/// <summary>
/// The public figures. Only aggregates per zone or grid leave this class — never a device id, never event data — and
/// each answer is cached for a minute, since anyone may ask without signing in.
/// Days are the site's local calendar days (hours are counted into the day their hour window starts in).
/// </summary>
internal sealed class OpenDataService(ITelemetryReader reader, CommunityRegistry registry, IOptions<DashboardOptions> options, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, object Value)> _cache = new(StringComparer.Ordinal);

    public Task<object> ParkingAsync(CancellationToken cancellationToken) => CachedAsync("parking", async () =>
    {
        var now = time.GetUtcNow();
        var latest = (await reader.LatestAsync(new SeriesFilter(Kind: "parking"), cancellationToken).ConfigureAwait(false))
            .Where(p => now - p.Timestamp <= options.Value.OfflineAfter && p.Values.TryGetValue("occupied", out var v) && v is bool)
            .ToDictionary(p => p.Device, StringComparer.Ordinal);
        return (object)registry.Sites.SelectMany(s => s.Grids).SelectMany(g => g.Zones)
            .Where(z => z.Devices.Any(d => d.Kind == "parking"))
            .Select(zone =>
            {
                // A stale reading (device silent longer than Dashboard:OfflineAfter) says nothing about the space now.
                var spaces = zone.Devices.Select(d => latest.GetValueOrDefault(d.Id)).OfType<StoredPoint>().ToList();
                var occupied = spaces.Count(p => p.Values["occupied"] is true);
                return new
                {
                    zone = zone.Id,
                    zoneName = zone.Name,
                    spaces = spaces.Count,
                    occupied,
                    free = spaces.Count - occupied,
                    updatedAt = spaces.Count == 0 ? (DateTimeOffset?)null : spaces.Max(p => p.Timestamp),
                };
            })
            .ToList();
    });

    /// <summary>
    /// <c>visitors</c> is how many people a park pole counts in its area at the moment of the reading (a crowd
    /// count, not a turnstile), so readings are not summed over time. Per hour: each pole's mean count, summed over the
    /// zone's poles = people in the zone that hour. Per day: the peak hour — the most visitors present at once.
    /// </summary>
    public Task<object> ParkVisitorsAsync(int days, CancellationToken cancellationToken) => CachedAsync($"visitors:{days}", async () =>
    {
        var hours = await HourlyMeansAsync("park", "visitors", days, cancellationToken).ConfigureAwait(false);
        return (object)hours
            .GroupBy(h => (h.Date, h.Device.Zone.Id, h.WindowStart))
            .Select(g => (g.Key.Date, Zone: g.Key.Id, Present: g.Sum(h => h.Value)))
            .GroupBy(h => (h.Date, h.Zone))
            .OrderBy(g => g.Key.Date).ThenBy(g => g.Key.Zone, StringComparer.Ordinal)
            .Select(g => new { date = g.Key.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), zone = g.Key.Zone, visitors = (long)Math.Round(g.Max(h => h.Present)) })
            .ToList();
    });

    /// <summary>
    /// Energy by the rectangle rule on hourly means: a lamp's mean <c>power_w</c> over an hour is its energy in Wh for
    /// that hour; summed per grid and local day and divided by 1000 it is kWh. Hours with no reading count as zero, so a
    /// gap in the data lowers the figure rather than inventing energy.
    /// </summary>
    public Task<object> LightingEnergyAsync(int days, CancellationToken cancellationToken) => CachedAsync($"energy:{days}", async () =>
    {
        var hours = await HourlyMeansAsync("light", "power_w", days, cancellationToken).ConfigureAwait(false);
        return (object)hours
            .GroupBy(h => (h.Date, Grid: h.Device.Grid.Id))
            .OrderBy(g => g.Key.Date).ThenBy(g => g.Key.Grid, StringComparer.Ordinal)
            .Select(g => new { date = g.Key.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), grid = g.Key.Grid, kwh = Math.Round(g.Sum(h => h.Value) / 1000, 3) })
            .ToList();
    });

    private async Task<List<(RegisteredDevice Device, DateOnly Date, DateTimeOffset WindowStart, double Value)>> HourlyMeansAsync(
        string kind, string field, int days, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // A day more than asked, in whole hours, covers the first local day whatever the site's offset; rows before it are dropped below.
        var from = new DateTimeOffset(now.UtcDateTime.Date.AddDays(-days), TimeSpan.Zero);
        var rows = await reader.AggregateAsync(
            new AggregateQuery(new SeriesFilter(Kind: kind), field, AggregateFunction.Mean, TimeSpan.FromHours(1), GroupBy.Device, new TimeRange(from, now)),
            cancellationToken).ConfigureAwait(false);
        // Today is the site's today (Chengdu is eight hours ahead of UTC); with several sites, the first one's.
        var today = registry.Sites.Count == 0 ? DateOnly.FromDateTime(now.UtcDateTime) : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ZoneOf(registry.Sites[0])).DateTime);
        var firstDay = today.AddDays(1 - days);
        var result = new List<(RegisteredDevice, DateOnly, DateTimeOffset, double)>(rows.Count);
        foreach (var row in rows)
        {
            if (registry.TryFindDevice(row.Group, out var device))
            {
                var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(row.WindowStart, ZoneOf(device.Site)).DateTime);
                if (date >= firstDay)
                {
                    result.Add((device, date, row.WindowStart, row.Value));
                }
            }
        }

        return result;
    }

    private static TimeZoneInfo ZoneOf(Site site) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(site.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    private async Task<object> CachedAsync(string key, Func<Task<object>> compute)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var hit) && now - hit.At < CacheFor)
        {
            return hit.Value;
        }

        var value = await compute().ConfigureAwait(false);
        _cache[key] = (now, value);
        return value;
    }
}
