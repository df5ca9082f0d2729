using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.Gateway.Spool;

/// <summary>
/// The payload of a spooled record: one whole <see cref="TelemetryBatch"/>, self-contained so a spool
/// written by one run is read by the next. Series and field names are written once per record in
/// tables and referenced by index (a batch repeats both heavily). Layout, little endian:
/// <code>
/// u8 version(1)
/// varint seriesCount, per series: str kind, site, grid, zone, device
/// varint nameCount,   per name:   str
/// varint pointCount,  per point:  varint series, i64 timestampMs, u8 hasSeq, [i64 seq],
///                                 varint fieldCount, per field: varint name, u8 type, value
/// value: Number f64 (bit-exact) | Boolean u8 | Text varint (length+1, 0 = null) + UTF-8
/// str:   varint length + UTF-8
/// </code>
/// Not thread-safe: one encoder per appender, one decoder per replayer.
/// </summary>
internal sealed class SpoolBatchEncoder
{
    public const byte FormatVersion = 1;

    private readonly Dictionary<SeriesKey, int> _series = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);

    public void Encode(TelemetryBatch batch, ArrayBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _series.Clear();
        _names.Clear();
        foreach (ref readonly var point in batch.Points)
        {
            _series.TryAdd(point.Series, _series.Count);
            foreach (ref readonly var field in batch.FieldsOf(point))
            {
                _names.TryAdd(field.Name, _names.Count);
            }
        }

        WriteByte(output, FormatVersion);
        WriteVarint(output, (uint)_series.Count);
        foreach (var series in _series.Keys)
        {
            WriteString(output, series.Kind);
            WriteString(output, series.Site);
            WriteString(output, series.Grid);
            WriteString(output, series.Zone);
            WriteString(output, series.Device);
        }

        WriteVarint(output, (uint)_names.Count);
        foreach (var name in _names.Keys)
        {
            WriteString(output, name);
        }

        WriteVarint(output, (uint)batch.Count);
        foreach (ref readonly var point in batch.Points)
        {
            WriteVarint(output, (uint)_series[point.Series]);
            WriteInt64(output, point.TimestampMs);
            WriteByte(output, point.Seq.HasValue ? (byte)1 : (byte)0);
            if (point.Seq is { } seq)
            {
                WriteInt64(output, seq);
            }

            var fields = batch.FieldsOf(point);
            WriteVarint(output, (uint)fields.Length);
            foreach (ref readonly var field in fields)
            {
                WriteVarint(output, (uint)_names[field.Name]);
                WriteByte(output, (byte)field.Type);
                switch (field.Type)
                {
                    case FieldType.Number:
                        WriteInt64(output, BitConverter.DoubleToInt64Bits(field.Number));
                        break;
                    case FieldType.Boolean:
                        WriteByte(output, field.Boolean ? (byte)1 : (byte)0);
                        break;
                    default:
                        WriteText(output, field.Text);
                        break;
                }
            }
        }
    }

    private static void WriteByte(ArrayBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> output, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    private static void WriteVarint(ArrayBufferWriter<byte> output, uint value)
    {
        var span = output.GetSpan(5);
        var written = 0;
        while (value >= 0x80)
        {
            span[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[written++] = (byte)value;
        output.Advance(written);
    }

    private static void WriteString(ArrayBufferWriter<byte> output, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint(output, (uint)length);
        output.Advance(Encoding.UTF8.GetBytes(value, output.GetSpan(length)));
    }

    private static void WriteText(ArrayBufferWriter<byte> output, string? value)
    {
        if (value is null)
        {
            WriteVarint(output, 0);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint(output, (uint)length + 1);
        output.Advance(Encoding.UTF8.GetBytes(value, output.GetSpan(length)));
    }
}
