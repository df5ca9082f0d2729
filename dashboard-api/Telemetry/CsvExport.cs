using System.Globalization;
using System.Text;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.DashboardApi.Telemetry;

/// <summary>
/// Writes telemetry as CSV (RFC 4180, UTF-8, header row first) straight to the response body as rows arrive from the
/// store, chunk by chunk — an export of a year of readings never sits in memory. The first chunk is read before the
/// response starts, so a query the store refuses still gets a Problem Details answer.
/// </summary>
internal static class CsvExport
{
    /// <summary>Windows per store call when exporting an aggregate; chunk edges fall on window edges so no window is split.</summary>
    private const int WindowsPerChunk = 1_000;

    public static async IAsyncEnumerable<IReadOnlyList<string[]>> AggregateRowsAsync(
        TelemetryAggregator aggregator, AggregateQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var windowMs = (long)query.Window.TotalMilliseconds;
        var startMs = query.Range.Start.ToUnixTimeMilliseconds();
        var endMs = query.Range.End.ToUnixTimeMilliseconds();
        var chunkStart = startMs;
        while (chunkStart < endMs)
        {
            var alignedStart = chunkStart - (((chunkStart % windowMs) + windowMs) % windowMs);
            var chunkEnd = Math.Min(endMs, alignedStart + (windowMs * WindowsPerChunk));
            var chunk = query with { Range = new TimeRange(DateTimeOffset.FromUnixTimeMilliseconds(chunkStart), DateTimeOffset.FromUnixTimeMilliseconds(chunkEnd)) };
            var rows = await aggregator.AggregateAsync(chunk, cancellationToken).ConfigureAwait(false);
            yield return [.. rows.Select(r => new[] { r.Group, Time(r.WindowStart), Number(r.Value) })];
            chunkStart = chunkEnd;
        }
    }

    public static async IAsyncEnumerable<IReadOnlyList<string[]>> RawRowsAsync(
        ITelemetryReader reader, SeriesFilter filter, TimeRange range, IReadOnlyList<string> fields, long maxPoints,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in TelemetryPages.ReadAsync(reader, filter, range, maxPoints, cancellationToken).ConfigureAwait(false))
        {
            yield return [.. page.Select(p => (string[])[Time(p.Timestamp), p.Device, p.Grid, p.Zone, .. fields.Select(f => p.Values.TryGetValue(f, out var v) ? Value(v) : "")])];
        }
    }

    /// <summary>Streams <paramref name="chunks"/> under <paramref name="header"/>; errors before the first row become Problem Details.</summary>
    public static async Task<IResult> WriteAsync(HttpContext context, string fileName, IReadOnlyList<string> header, IAsyncEnumerable<IReadOnlyList<string[]>> chunks)
    {
        ArgumentNullException.ThrowIfNull(context);
        var enumerator = chunks.GetAsyncEnumerator(context.RequestAborted);
        await using (enumerator.ConfigureAwait(false))
        {
            bool more;
            try
            {
                more = await enumerator.MoveNextAsync().ConfigureAwait(false);
            }
            catch (TelemetryQueryException ex)
            {
                return TelemetryEndpoints.Refused(ex);
            }

            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
            await using (writer.ConfigureAwait(false))
            {
                await WriteLineAsync(writer, header).ConfigureAwait(false);
                while (more)
                {
                    foreach (var row in enumerator.Current)
                    {
                        await WriteLineAsync(writer, row).ConfigureAwait(false);
                    }

                    await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
            }
        }

        return Results.Empty;
    }

    private static async Task WriteLineAsync(StreamWriter writer, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                await writer.WriteAsync(',').ConfigureAwait(false);
            }

            await writer.WriteAsync(Escape(cells[i])).ConfigureAwait(false);
        }

        await writer.WriteAsync("\r\n").ConfigureAwait(false);
    }

    private static string Escape(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Value(object value) => value switch
    {
        double d => Number(d),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
