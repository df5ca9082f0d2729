namespace ParkCommunity.DeviceContract.Telemetry;

/// <summary>
/// The reusable result of <see cref="TelemetryParser.Parse"/>: accepted readings, their fields, and the
/// rejections. Keeps its arrays between messages, so a worker that clears and refills it allocates
/// nothing once it has seen its largest batch. Not thread-safe; one per worker, like the parser.
/// </summary>
public sealed class ParsedTelemetry
{
    private readonly List<TelemetryRejection> _rejections = [];
    private ParsedReading[] _readings = new ParsedReading[4];
    private TelemetryField[] _fields = new TelemetryField[32];
    private int _readingCount;
    private int _fieldCount;

    /// <summary>The accepted items, in payload order.</summary>
    public ReadOnlySpan<ParsedReading> Readings => _readings.AsSpan(0, _readingCount);

    /// <summary>The values of all accepted items; each reading points at its slice.</summary>
    public ReadOnlySpan<TelemetryField> Fields => _fields.AsSpan(0, _fieldCount);

    /// <summary>What broke the contract: one entry per rejected item, or one for the whole payload.</summary>
    public IReadOnlyList<TelemetryRejection> Rejections => _rejections;

    /// <summary>How many items the payload held: 1 for an object, the array length for a batch, 0 if unreadable.</summary>
    public int ItemCount { get; internal set; }

    public void Clear()
    {
        _readingCount = 0;
        _fieldCount = 0;
        _rejections.Clear();
        ItemCount = 0;
    }

    internal int FieldCount => _fieldCount;

    internal Mark Save() => new(_readingCount, _fieldCount, _rejections.Count, ItemCount);

    /// <summary>Forgets everything added since <paramref name="mark"/>: a payload found unreadable half-way is rejected as a whole.</summary>
    internal void Restore(Mark mark)
    {
        _readingCount = mark.Readings;
        _fieldCount = mark.Fields;
        _rejections.RemoveRange(mark.Rejections, _rejections.Count - mark.Rejections);
        ItemCount = mark.Items;
    }

    internal void AddField(in TelemetryField field)
    {
        if (_fieldCount == _fields.Length)
        {
            Array.Resize(ref _fields, _fields.Length * 2);
        }

        _fields[_fieldCount++] = field;
    }

    /// <summary>Drops the fields of an item being rejected.</summary>
    internal void TruncateFields(int count) => _fieldCount = count;

    internal void AddReading(in ParsedReading reading)
    {
        if (_readingCount == _readings.Length)
        {
            Array.Resize(ref _readings, _readings.Length * 2);
        }

        _readings[_readingCount++] = reading;
    }

    internal void Reject(int itemIndex, RejectReason reason, string detail) => _rejections.Add(new TelemetryRejection(itemIndex, reason, detail));

    internal readonly record struct Mark(int Readings, int Fields, int Rejections, int Items);
}
