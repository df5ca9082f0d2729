using System.Buffers;
using System.Globalization;

namespace ParkCommunity.TelemetryStore.InfluxDb.LineProtocol;

/// <summary>
/// The escaped UTF-8 "measurement,device=…,grid=…,site=…,zone=… " that starts every line of a series, built once
/// per <see cref="SeriesKey"/> and cached on it, so a point only costs its fields and timestamp.
/// </summary>
internal static class SeriesPrefix
{
    public static byte[]? Get(SeriesKey series, out string? error)
    {
        // Racing threads may both build it; they build identical arrays and a reference store is atomic.
        if (series.EncodedLineProtocolSeries is { } cached)
        {
            error = null;
            return cached;
        }

        error = Validate(series);
        if (error is not null)
        {
            return null;
        }

        var built = Build(series);
        series.EncodedLineProtocolSeries = built;
        return built;
    }

    private static string? Validate(SeriesKey series)
    {
        if (string.IsNullOrEmpty(series.Kind))
        {
            return $"Series {series}: the kind (InfluxDB measurement) is empty.";
        }

        // A line starting with '#' is a comment to InfluxDB: the point would vanish without an error.
        if (series.Kind[0] == '#')
        {
            return $"Series {series}: the kind '{series.Kind}' starts with '#', which InfluxDB reads as a comment line.";
        }

        return Backslash(series.Kind, "kind")
            ?? Backslash(series.Device, "device")
            ?? Backslash(series.Grid, "grid")
            ?? Backslash(series.Site, "site")
            ?? Backslash(series.Zone, "zone");

        string? Backslash(string? value, string what) =>
            value is not null && value.Contains('\\', StringComparison.Ordinal)
                ? string.Create(CultureInfo.InvariantCulture, $"Series {series}: the {what} '{value}' contains a backslash, {LineProtocolEscaping.NoBackslashReason}")
                : null;
    }

    private static byte[] Build(SeriesKey series)
    {
        var bound = (series.Kind.Length + Length(series.Device) + Length(series.Grid) + Length(series.Site) + Length(series.Zone))
            * LineProtocolEscaping.MaxBytesPerChar + 64;
        var rented = ArrayPool<byte>.Shared.Rent(bound);
        try
        {
            var span = rented.AsSpan();
            var length = LineProtocolEscaping.Write(series.Kind, span, LineProtocolEscaping.Measurement);

            // Tags in key order (device, grid, site, zone) as InfluxDB recommends and PointData writes them.
            // An empty tag is left out, as PointData does: InfluxDB rejects "key=" and a missing tag reads as "".
            length += Tag(",device="u8, series.Device, span[length..]);
            length += Tag(",grid="u8, series.Grid, span[length..]);
            length += Tag(",site="u8, series.Site, span[length..]);
            length += Tag(",zone="u8, series.Zone, span[length..]);
            span[length++] = (byte)' ';
            return span[..length].ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Tag(ReadOnlySpan<byte> separatorAndKey, string? value, Span<byte> destination)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }

        separatorAndKey.CopyTo(destination);
        return separatorAndKey.Length + LineProtocolEscaping.Write(value, destination[separatorAndKey.Length..], LineProtocolEscaping.Key);
    }

    private static int Length(string? value) => value?.Length ?? 0;
}
