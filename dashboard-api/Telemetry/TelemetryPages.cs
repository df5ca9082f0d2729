using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.DashboardApi.Telemetry;

/// <summary>
/// Reads a long range page by page, oldest first, so callers can stream it without holding it all. The store orders
/// points by time and then series, so a page that ends inside a millisecond is continued from that millisecond,
/// skipping the points of it already returned.
/// </summary>
internal static class TelemetryPages
{
    public const int PageSize = 5_000;

    public static async IAsyncEnumerable<IReadOnlyList<StoredPoint>> ReadAsync(
        ITelemetryReader reader, SeriesFilter filter, TimeRange range, long maxPoints,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = range.Start;
        var skip = 0;
        var pageSize = PageSize;
        long returned = 0;
        while (returned < maxPoints)
        {
            var page = await reader.RangeAsync(filter, new TimeRange(start, range.End), pageSize + skip, cancellationToken).ConfigureAwait(false);
            var fresh = page.Skip(skip).Take((int)Math.Min(int.MaxValue, maxPoints - returned)).ToList();
            if (fresh.Count > 0)
            {
                returned += fresh.Count;
                yield return fresh;
            }

            if (page.Count < pageSize + skip)
            {
                yield break;
            }

            var last = page[^1].Timestamp;
            if (last == start)
            {
                // The whole page sits in one millisecond: read more of it next time rather than loop.
                skip = page.Count;
                pageSize *= 2;
            }
            else
            {
                start = last;
                skip = page.Count(p => p.Timestamp == last);
                pageSize = PageSize;
            }
        }
    }
}
