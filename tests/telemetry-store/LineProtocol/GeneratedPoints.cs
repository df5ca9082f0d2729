using System.Text;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.TelemetryStore.Tests.LineProtocol;

/// <summary>One generated point as plain data, so a test can build both our batch and PointData from it.</summary>
internal sealed record GeneratedPoint(SeriesKey Series, long TimestampMs, long? Seq, TelemetryField[] Fields);

/// <summary>
/// Seeded random points whose names, tags and strings are full of everything line protocol must escape.
/// Backslashes appear only in string values: in names and tags they are refused (see LineProtocolEscaping.NoBackslashReason).
/// Field names keep one type across a run, so a whole run can be written to one InfluxDB database without type conflicts.
/// </summary>
internal sealed class GeneratedPoints(int seed)
{
    /// <summary>Pieces strings are made of: plain ASCII, each escaped character, and multi-byte UTF-8 (CJK, emoji).</summary>
    private static readonly string[] Pieces =
    [
        "a", "z", "Q", "0", "9", "_", "-", ".", "light", "park",
        " ", ",", "=", "\"", "\\", "\n", "\r", "\t", "#", "'",
        "é", "ß", "中", "停车场", "路灯", "😀", "🅿️", "\u00a0",
    ];

    private static readonly double[] SpecialNumbers =
    [
        0.0, -0.0, 1.0, -1.0, 42.0, 0.1, 1.0 / 3.0, 1e16, 1e21, 123456789012345678.0, 1e-7, 1e-300, 1e300,
        double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 2.2250738585072014E-308, 41.5, -273.15,
    ];

    private static readonly string[] ReservedFieldNames = ["time", "seq", "device", "grid", "site", "zone"];

    private readonly Random _random = new(seed);
    private readonly Dictionary<string, FieldType> _fieldTypes = new(StringComparer.Ordinal);

    public GeneratedPoint Next(long timestampMs)
    {
        var series = new SeriesKey(Name(), Tag(), Tag(), Tag(), Tag());
        long? seq = _random.Next(3) switch
        {
            0 => null,
            1 => _random.NextInt64(0, 1_000_000),
            _ => _random.Next(4) switch { 0 => long.MaxValue, 1 => long.MinValue, 2 => -1, _ => _random.NextInt64() },
        };

        var names = new HashSet<string>(StringComparer.Ordinal);
        var count = _random.Next(1, 7);
        while (names.Count < count)
        {
            var name = Name();
            if (!ReservedFieldNames.Contains(name))
            {
                names.Add(name);
            }
        }

        var fields = names.Select(Field).ToArray();
        return new GeneratedPoint(series, timestampMs, seq, fields);
    }

    public static TelemetryBatch Batch(IReadOnlyList<GeneratedPoint> points)
    {
        var batch = new TelemetryBatch(points.Count);
        foreach (var point in points)
        {
            batch.Add(point.Series, point.TimestampMs, point.Seq, point.Fields);
        }

        return batch;
    }

    private TelemetryField Field(string name)
    {
        if (!_fieldTypes.TryGetValue(name, out var type))
        {
            type = (FieldType)_random.Next(3);
            _fieldTypes[name] = type;
        }

        return type switch
        {
            FieldType.Number => TelemetryField.OfNumber(name, Number()),
            FieldType.Boolean => TelemetryField.OfBoolean(name, _random.Next(2) == 0),
            _ => TelemetryField.OfText(name, Text(allowEmpty: true, allowBackslash: true) + (_random.Next(4) == 0 ? "\\" : "")),
        };
    }

    /// <summary>A tag value: may be empty (then left out), no backslash (refused).</summary>
    private string Tag() => Text(allowEmpty: true, allowBackslash: false);

    private double Number() => _random.Next(4) switch
    {
        0 => SpecialNumbers[_random.Next(SpecialNumbers.Length)],
        1 => Math.Round((_random.NextDouble() - 0.5) * 2000, _random.Next(4)),
        2 => AnyFiniteBitPattern(),
        _ => (_random.NextDouble() - 0.5) * Math.Pow(10, _random.Next(-30, 30)),
    };

    private double AnyFiniteBitPattern()
    {
        while (true)
        {
            var value = BitConverter.Int64BitsToDouble(_random.NextInt64(long.MinValue, long.MaxValue));
            if (double.IsFinite(value))
            {
                return value;
            }
        }
    }

    /// <summary>A measurement or field name: not empty, no leading '#', no backslash (those are refused).</summary>
    private string Name()
    {
        while (true)
        {
            var text = Text(allowEmpty: false, allowBackslash: false);
            if (text[0] != '#')
            {
                return text;
            }
        }
    }

    private string Text(bool allowEmpty, bool allowBackslash)
    {
        var builder = new StringBuilder();
        var length = _random.Next(allowEmpty ? 0 : 1, 9);
        while (builder.Length < length)
        {
            var piece = Pieces[_random.Next(Pieces.Length)];
            if (allowBackslash || piece != "\\")
            {
                builder.Append(piece);
            }
        }

        return builder.ToString();
    }
}
