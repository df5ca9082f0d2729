using System.Buffers.Binary;
using System.Text;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.Gateway.Spool;

/// <summary>
/// Reads a payload written by <see cref="SpoolBatchEncoder"/> back into a batch. A payload passed its
/// checksum, so a problem here means a format this build does not know: it throws
/// <see cref="InvalidDataException"/> saying what is wrong rather than producing a wrong point.
/// </summary>
internal sealed class SpoolBatchDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<SeriesKey> _series = [];
    private readonly List<string> _names = [];
    private TelemetryField[] _fields = new TelemetryField[64];

    public void Decode(ReadOnlySpan<byte> payload, TelemetryBatch into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        _series.Clear();
        _names.Clear();
        var reader = new Reader(payload);
        var version = reader.Byte();
        if (version != SpoolBatchEncoder.FormatVersion)
        {
            throw new InvalidDataException($"unknown spool format version {version}");
        }

        for (var i = reader.Count(); i > 0; i--)
        {
            _series.Add(new SeriesKey(reader.String(), reader.String(), reader.String(), reader.String(), reader.String()));
        }

        for (var i = reader.Count(); i > 0; i--)
        {
            _names.Add(reader.String());
        }

        for (var i = reader.Count(); i > 0; i--)
        {
            var series = Lookup(_series, reader.Count(), "series");
            var timestamp = reader.Int64();
            long? seq = reader.Byte() switch
            {
                0 => null,
                1 => reader.Int64(),
                var flag => throw new InvalidDataException($"bad seq flag {flag}"),
            };
            var fieldCount = reader.Count();
            if (fieldCount == 0)
            {
                throw new InvalidDataException("a point without fields");
            }

            if (_fields.Length < fieldCount)
            {
                _fields = new TelemetryField[Math.Max(fieldCount, _fields.Length * 2)];
            }

            for (var f = 0; f < fieldCount; f++)
            {
                _fields[f] = ReadField(ref reader, Lookup(_names, reader.Count(), "field name"));
            }

            into.Add(series, timestamp, seq, _fields.AsSpan(0, fieldCount));
        }

        if (!reader.AtEnd)
        {
            throw new InvalidDataException("bytes left over after the last point");
        }
    }

    private static TelemetryField ReadField(ref Reader reader, string name) => (FieldType)reader.Byte() switch
    {
        FieldType.Number => TelemetryField.OfNumber(name, BitConverter.Int64BitsToDouble(reader.Int64())),
        FieldType.Boolean => TelemetryField.OfBoolean(name, reader.Byte() != 0),
        FieldType.Text => new TelemetryField(name, FieldType.Text, 0, false, reader.NullableString()),
        var type => throw new InvalidDataException($"unknown field type {(byte)type} for field {name}"),
    };

    private static T Lookup<T>(List<T> table, int index, string what) => index < table.Count
        ? table[index]
        : throw new InvalidDataException($"{what} index {index} beyond the {table.Count} in the record");

    /// <summary>Bounds-checked reads over the payload; every overrun is an <see cref="InvalidDataException"/>.</summary>
    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position == _data.Length;

        public byte Byte() => Take(1)[0];

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        /// <summary>A count or index; never more than the bytes in the payload, so garbage cannot ask for a huge allocation.</summary>
        public int Count()
        {
            uint value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = Byte();
                value |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value <= (uint)_data.Length ? (int)value : throw new InvalidDataException($"count {value} larger than the record");
                }
            }

            throw new InvalidDataException("varint longer than 5 bytes");
        }

        public string String() => Utf8(Take(Count()));

        public string? NullableString() => Count() is var lengthPlusOne and > 0 ? Utf8(Take(lengthPlusOne - 1)) : null;

        private ReadOnlySpan<byte> Take(int length)
        {
            if (length > _data.Length - _position)
            {
                throw new InvalidDataException($"record ends {length - (_data.Length - _position)} bytes early");
            }

            var span = _data.Slice(_position, length);
            _position += length;
            return span;
        }

        private static string Utf8(ReadOnlySpan<byte> bytes)
        {
            try
            {
                return StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException ex)
            {
                throw new InvalidDataException("a string is not valid UTF-8", ex);
            }
        }
    }
}
