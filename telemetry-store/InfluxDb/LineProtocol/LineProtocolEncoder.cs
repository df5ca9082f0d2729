using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.TelemetryStore.InfluxDb.LineProtocol;

/// <summary>
/// Encodes telemetry points as InfluxDB line protocol with millisecond timestamps (post with <c>precision=ms</c>),
/// without allocating: the series prefix is cached on the <see cref="SeriesKey"/>, numbers are formatted straight
/// into the output. The output matches InfluxDB.Client's <c>PointData.ToLineProtocol()</c> (checked by a differential
/// test) except that fields keep the order they came in (PointData sorts them), and that names and tags containing a
/// backslash are refused, where PointData writes lines InfluxDB misreads (see <see cref="LineProtocolEscaping.NoBackslashReason"/>).
/// </summary>
/// <remarks>
/// A point that cannot be written correctly (a non-finite number, a timestamp InfluxDB cannot store, a name line
/// protocol cannot represent) is refused with a reason and nothing of it is written. Every check runs before the
/// first byte is written, so a refused point never leaves half a line behind.
/// </remarks>
public static class LineProtocolEncoder
{
    /// <summary>InfluxDB keeps nanoseconds in an int64 and reserves its two extremes (models.MinNanoTime/MaxNanoTime).</summary>
    public const long MinTimestampMs = -9_223_372_036_854L;

    /// <inheritdoc cref="MinTimestampMs"/>
    public const long MaxTimestampMs = 9_223_372_036_854L;

    /// <summary>The integer field that carries the device's sequence number.</summary>
    public const string SeqField = "seq";

    // "-1.7976931348623157E+308" is 24 bytes; long.MinValue is 20.
    private const int MaxDoubleBytes = 32;
    private const int MaxLongBytes = 20;

    /// <summary>
    /// Appends one line for <paramref name="point"/> with <paramref name="fields"/> (the point's slice of its batch)
    /// to <paramref name="output"/>. Returns false, writing nothing, when the point cannot be encoded; then
    /// <paramref name="error"/> names the series, timestamp and field at fault.
    /// </summary>
    public static bool TryAppend(IBufferWriter<byte> output, in TelemetryPoint point, ReadOnlySpan<TelemetryField> fields, out string? error)
    {
        ArgumentNullException.ThrowIfNull(output);

        if (point.Series is null)
        {
            error = "The point has no series.";
            return false;
        }

        var prefix = SeriesPrefix.Get(point.Series, out error);
        if (prefix is null)
        {
            return false;
        }

        var bound = Measure(point, fields, out error);
        if (bound < 0)
        {
            return false;
        }

        var span = output.GetSpan(prefix.Length + bound);
        prefix.CopyTo(span);
        var length = prefix.Length;

        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                span[length++] = (byte)',';
            }

            length += WriteField(fields[i], span[length..]);
        }

        if (point.Seq is { } seq)
        {
            if (!fields.IsEmpty)
            {
                span[length++] = (byte)',';
            }

            "seq="u8.CopyTo(span[length..]);
            length += 4;
            length += LineProtocolNumbers.FormatLong(seq, span[length..]);
            span[length++] = (byte)'i';
        }

        span[length++] = (byte)' ';
        length += LineProtocolNumbers.FormatLong(point.TimestampMs, span[length..]);
        span[length++] = (byte)'\n';

        output.Advance(length);
        return true;
    }

    /// <summary>
    /// Appends every point of <paramref name="batch"/>; returns how many were written. Refused points are added to
    /// <paramref name="rejected"/> (when given) with their index in the batch and the reason.
    /// </summary>
    public static int AppendBatch(TelemetryBatch batch, IBufferWriter<byte> output, List<RejectedPoint>? rejected)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(output);

        var written = 0;
        var points = batch.Points;
        for (var i = 0; i < points.Length; i++)
        {
            ref readonly var point = ref points[i];
            if (TryAppend(output, point, batch.FieldsOf(point), out var error))
            {
                written++;
            }
            else
            {
                rejected?.Add(new RejectedPoint(i, error!));
            }
        }

        return written;
    }

    /// <summary>Checks the point and returns an upper bound of its bytes after the prefix, or -1 with the reason.</summary>
    private static int Measure(in TelemetryPoint point, ReadOnlySpan<TelemetryField> fields, out string? error)
    {
        if (point.TimestampMs is < MinTimestampMs or > MaxTimestampMs)
        {
            error = Refuse(point, $"the timestamp {point.TimestampMs} ms is outside the range InfluxDB can store ({MinTimestampMs}..{MaxTimestampMs}).");
            return -1;
        }

        if (fields.IsEmpty && point.Seq is null)
        {
            error = Refuse(point, "it has no fields; a line needs at least one.");
            return -1;
        }

        // ' ' + timestamp + '\n', and "seq=" + long + "i,".
        var bound = 2 + MaxLongBytes + (point.Seq is null ? 0 : 6 + MaxLongBytes);
        foreach (ref readonly var field in fields)
        {
            error = Check(point, field);
            if (error is not null)
            {
                return -1;
            }

            // name + '=' + ','
            bound += (field.Name.Length * LineProtocolEscaping.MaxBytesPerChar) + 2 + field.Type switch
            {
                FieldType.Number => MaxDoubleBytes,
                FieldType.Boolean => 5,
                _ => (field.Text!.Length * LineProtocolEscaping.MaxBytesPerChar) + 2,
            };
        }

        error = null;
        return bound;
    }

    private static string? Check(in TelemetryPoint point, in TelemetryField field)
    {
        var name = field.Name;
        if (string.IsNullOrEmpty(name))
        {
            return Refuse(point, "a field has no name.");
        }

        if (name.Contains('\\', StringComparison.Ordinal))
        {
            return Refuse(point, $"the field name '{name}' contains a backslash, {LineProtocolEscaping.NoBackslashReason}");
        }

        // InfluxDB refuses a field named "time" (it is the timestamp column in InfluxQL).
        if (name.Length == 4 && name == "time")
        {
            return Refuse(point, "the field name 'time' is reserved by InfluxDB.");
        }

        if (name.Length == 3 && point.Seq.HasValue && name == SeqField)
        {
            return Refuse(point, $"the field '{SeqField}' clashes with the point's sequence number, which is stored under that name.");
        }

        return field.Type switch
        {
            FieldType.Number when !double.IsFinite(field.Number) =>
                Refuse(point, $"the field '{name}' is {field.Number.ToString(CultureInfo.InvariantCulture)}; line protocol has no non-finite numbers."),
            FieldType.Text when field.Text is null => Refuse(point, $"the text field '{name}' has no value."),
            FieldType.Number or FieldType.Boolean or FieldType.Text => null,
            _ => Refuse(point, $"the field '{name}' has the unknown type {field.Type}."),
        };
    }

    private static int WriteField(in TelemetryField field, Span<byte> destination)
    {
        var length = LineProtocolEscaping.Write(field.Name, destination, LineProtocolEscaping.Key);
        destination[length++] = (byte)'=';
        switch (field.Type)
        {
            case FieldType.Number:
                return length + LineProtocolNumbers.FormatDouble(field.Number, destination[length..]);
            case FieldType.Boolean:
                var literal = field.Boolean ? "true"u8 : "false"u8;
                literal.CopyTo(destination[length..]);
                return length + literal.Length;
            default:
                destination[length++] = (byte)'"';
                length += LineProtocolEscaping.Write(field.Text, destination[length..], LineProtocolEscaping.StringValue);
                destination[length++] = (byte)'"';
                return length;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Refuse(in TelemetryPoint point, string reason) =>
        string.Create(CultureInfo.InvariantCulture, $"Point {point.Series} at {point.TimestampMs} ms refused: {reason}");
}
