using ParkCommunity.DeviceContract.Telemetry;

namespace ParkCommunity.TelemetryStore.Writing;

/// <summary>
/// A reusable batch of points. Points and their fields live in two growable arrays so a batch
/// can be filled, written and cleared again without allocating per point.
/// </summary>
public sealed class TelemetryBatch
{
    private TelemetryPoint[] _points;
    private TelemetryField[] _fields;

    public TelemetryBatch(int pointCapacity = 256)
    {
        _points = new TelemetryPoint[pointCapacity];
        _fields = new TelemetryField[pointCapacity * 4];
    }

    public int Count { get; private set; }

    public int FieldCount { get; private set; }

    public ReadOnlySpan<TelemetryPoint> Points => _points.AsSpan(0, Count);

    public ReadOnlySpan<TelemetryField> FieldsOf(in TelemetryPoint point) => _fields.AsSpan(point.FieldStart, point.FieldCount);

    /// <summary>Adds a point whose fields are <paramref name="fields"/>; returns its index in the batch.</summary>
    public int Add(SeriesKey series, long timestampMs, long? seq, ReadOnlySpan<TelemetryField> fields)
    {
        if (fields.IsEmpty)
        {
            throw new ArgumentException("A point needs at least one field.", nameof(fields));
        }

        EnsureCapacity(fields.Length);
        fields.CopyTo(_fields.AsSpan(FieldCount));
        _points[Count] = new TelemetryPoint(series, timestampMs, seq, FieldCount, fields.Length);
        FieldCount += fields.Length;
        return Count++;
    }

    /// <summary>Copies every point of <paramref name="other"/> into this batch.</summary>
    public void AddRange(TelemetryBatch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (ref readonly var point in other.Points)
        {
            Add(point.Series, point.TimestampMs, point.Seq, other.FieldsOf(point));
        }
    }

    public void Clear()
    {
        // Drop references so interned strings and series of a cleared batch can be collected.
        Array.Clear(_points, 0, Count);
        Array.Clear(_fields, 0, FieldCount);
        Count = 0;
        FieldCount = 0;
    }

    private void EnsureCapacity(int newFields)
    {
        if (Count == _points.Length)
        {
            Array.Resize(ref _points, _points.Length * 2);
        }

        if (FieldCount + newFields > _fields.Length)
        {
            Array.Resize(ref _fields, Math.Max(_fields.Length * 2, FieldCount + newFields));
        }
    }
}
