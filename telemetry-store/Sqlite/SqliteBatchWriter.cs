using System.Globalization;
using Microsoft.Data.Sqlite;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.TelemetryStore.Sqlite;

/// <summary>
/// Writes batches over one connection with prepared commands, one transaction per batch. Series ids and field
/// types are cached in memory; what a batch adds to the caches is kept only once its transaction commits.
/// Not thread-safe: <see cref="SqliteTelemetryStore"/> serialises calls (SQLite has one writer at a time anyway).
/// </summary>
internal sealed class SqliteBatchWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<(string Kind, string Site, string Grid, string Zone, string Device), long> _series = [];
    private readonly Dictionary<(string Kind, string Field), FieldType> _fieldTypes = [];
    private readonly Dictionary<(string Kind, string Site, string Grid, string Zone, string Device), long> _newSeries = [];
    private readonly Dictionary<(string Kind, string Field), FieldType> _newFieldTypes = [];
    private readonly List<(string Kind, string Field, FieldType Type)> _pointTypes = [];
    private readonly PointJson _json = new();
    private readonly SqliteCommand _upsertPoint;
    private readonly SqliteCommand _upsertPoints;
    private int _buffered;
    private readonly SqliteCommand _upsertSeries;
    private readonly SqliteCommand _insertFieldType;

    public SqliteBatchWriter(string connectionString)
    {
        _connection = SqliteSchema.Open(connectionString);
        LoadCaches();

        // A re-delivered point merges its values into the stored ones, like InfluxDB's write of the same series and time.
        _upsertPoint = Prepare("""
            INSERT INTO points (series_id, ts, seq, fields) VALUES ($series, $ts, $seq, $fields)
            ON CONFLICT (series_id, ts) DO UPDATE SET fields = json_patch(fields, excluded.fields), seq = coalesce(excluded.seq, seq)
            """, "$series", "$ts", "$seq", "$fields");
        // Points go in by RowsPerInsert per statement: a statement costs far more than a row, so this roughly
        // doubles throughput. A batch's remainder goes through the single-row statement.
        _upsertPoints = PrepareMultiRow();
        _upsertSeries = Prepare("""
            INSERT INTO series (kind, site, grid, zone, device) VALUES ($kind, $site, $grid, $zone, $device)
            ON CONFLICT (kind, site, grid, zone, device) DO UPDATE SET kind = excluded.kind RETURNING id
            """, "$kind", "$site", "$grid", "$zone", "$device");
        _insertFieldType = Prepare(
            "INSERT OR IGNORE INTO field_types (kind, field, field_type) VALUES ($kind, $field, $type)", "$kind", "$field", "$type");
    }

    /// <summary>Writes the valid points of <paramref name="batch"/> in one transaction; returns how many were stored.</summary>
    public int Write(TelemetryBatch batch, List<RejectedPoint> rejected)
    {
        _newSeries.Clear();
        _newFieldTypes.Clear();
        var stored = 0;
        using var transaction = _connection.BeginTransaction();
        _upsertPoint.Transaction = transaction;
        _upsertPoints.Transaction = transaction;
        _buffered = 0;
        _upsertSeries.Transaction = transaction;
        _insertFieldType.Transaction = transaction;

        var points = batch.Points;
        for (var i = 0; i < points.Length; i++)
        {
            ref readonly var point = ref points[i];
            var fields = batch.FieldsOf(point);
            if (Check(point, fields) is { } reason)
            {
                rejected.Add(new RejectedPoint(i, reason));
                continue;
            }

            foreach (var (kind, field, type) in _pointTypes)
            {
                if (!_newFieldTypes.ContainsKey((kind, field)) && !_fieldTypes.ContainsKey((kind, field)))
                {
                    _newFieldTypes[(kind, field)] = type;
                    Run(_insertFieldType, kind, field, (int)type);
                }
            }

            Buffer(SeriesId(point.Series), point.TimestampMs, point.Seq is { } seq ? seq : DBNull.Value, _json.Write(fields));
            stored++;
        }

        FlushRemainder();

        transaction.Commit();
        foreach (var (key, id) in _newSeries)
        {
            _series[key] = id;
        }

        foreach (var (key, type) in _newFieldTypes)
        {
            _fieldTypes[key] = type;
        }

        return stored;
    }

    public void Dispose()
    {
        _upsertPoint.Dispose();
        _upsertPoints.Dispose();
        _upsertSeries.Dispose();
        _insertFieldType.Dispose();
        _json.Dispose();
        _connection.Dispose();
    }

    /// <summary>The reason the point cannot be stored, or null; fills <see cref="_pointTypes"/> with its field types.</summary>
    private string? Check(in TelemetryPoint point, ReadOnlySpan<TelemetryField> fields)
    {
        _pointTypes.Clear();
        if (point.Series is null || string.IsNullOrEmpty(point.Series.Kind))
        {
            return "The point has no series or its kind (measurement) is empty.";
        }

        var kind = point.Series.Kind;
        foreach (ref readonly var field in fields)
        {
            var name = field.Name;
            var problem = field switch
            {
                _ when string.IsNullOrEmpty(name) => "a field has no name",
                { Name: "time" } => "the field name 'time' is reserved for the timestamp",
                { Name: "seq" } => "the field name 'seq' is reserved for the device's sequence number",
                _ when name.Contains('"', StringComparison.Ordinal) => $"the field name '{field.Name}' contains a double quote",
                { Type: FieldType.Number } when !double.IsFinite(field.Number) => $"the field '{field.Name}' is not a finite number",
                { Type: FieldType.Text, Text: null } => $"the text field '{field.Name}' has no value",
                { Type: not (FieldType.Number or FieldType.Boolean or FieldType.Text) } => $"the field '{field.Name}' has the unknown type {field.Type}",
                _ => null,
            };
            if (problem is not null)
            {
                return string.Create(CultureInfo.InvariantCulture, $"Point {point.Series} at {point.TimestampMs} ms refused: {problem}.");
            }

            // The same wording as InfluxDB's, so callers and dead letters read alike whichever store is used.
            if ((_newFieldTypes.TryGetValue((kind, name), out var existing) || _fieldTypes.TryGetValue((kind, name), out existing))
                && existing != field.Type)
            {
                return $"field type conflict: input field \"{field.Name}\" on measurement \"{kind}\" is type {TypeName(field.Type)}, already exists as type {TypeName(existing)}";
            }

            _pointTypes.Add((kind, name, field.Type));
        }

        return null;
    }

    private long SeriesId(SeriesKey series)
    {
        var key = (series.Kind, series.Site ?? "", series.Grid ?? "", series.Zone ?? "", series.Device ?? "");
        if (_series.TryGetValue(key, out var id) || _newSeries.TryGetValue(key, out id))
        {
            return id;
        }

        _upsertSeries.Parameters[0].Value = key.Kind;
        _upsertSeries.Parameters[1].Value = key.Item2;
        _upsertSeries.Parameters[2].Value = key.Item3;
        _upsertSeries.Parameters[3].Value = key.Item4;
        _upsertSeries.Parameters[4].Value = key.Item5;
        id = (long)_upsertSeries.ExecuteScalar()!;
        _newSeries[key] = id;
        return id;
    }

    /// <summary>InfluxDB's names for the types, as its conflict messages use them.</summary>
    public static string TypeName(FieldType type) => type switch
    {
        FieldType.Number => "float",
        FieldType.Boolean => "boolean",
        _ => "string",
    };

    private void LoadCaches()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT kind, field, field_type FROM field_types";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                _fieldTypes[(reader.GetString(0), reader.GetString(1))] = (FieldType)reader.GetInt32(2);
            }
        }

        command.CommandText = "SELECT kind, site, grid, zone, device, id FROM series";
        using var series = command.ExecuteReader();
        while (series.Read())
        {
            _series[(series.GetString(0), series.GetString(1), series.GetString(2), series.GetString(3), series.GetString(4))] = series.GetInt64(5);
        }
    }

    private const int RowsPerInsert = 64;
    private const string PointConflict = " ON CONFLICT (series_id, ts) DO UPDATE SET fields = json_patch(fields, excluded.fields), seq = coalesce(excluded.seq, seq)";

    private void Buffer(long seriesId, long ts, object seq, string fields)
    {
        var at = _buffered * 4;
        var parameters = _upsertPoints.Parameters;
        parameters[at].Value = seriesId;
        parameters[at + 1].Value = ts;
        parameters[at + 2].Value = seq;
        parameters[at + 3].Value = fields;
        if (++_buffered == RowsPerInsert)
        {
            _upsertPoints.ExecuteNonQuery();
            _buffered = 0;
        }
    }

    /// <summary>Writes the buffered rows one by one, in order, so a point repeated in the batch still merges in order.</summary>
    private void FlushRemainder()
    {
        for (var row = 0; row < _buffered; row++)
        {
            var at = row * 4;
            Run(_upsertPoint, _upsertPoints.Parameters[at].Value!, _upsertPoints.Parameters[at + 1].Value!, _upsertPoints.Parameters[at + 2].Value!,
                _upsertPoints.Parameters[at + 3].Value);
        }

        _buffered = 0;
    }

    private SqliteCommand PrepareMultiRow()
    {
        var command = _connection.CreateCommand();
        var rows = new List<string>(RowsPerInsert);
        for (var row = 0; row < RowsPerInsert; row++)
        {
            var p = row.ToString(CultureInfo.InvariantCulture);
            rows.Add($"($s{p}, $t{p}, $q{p}, $f{p})");
            foreach (var name in new[] { "$s", "$t", "$q", "$f" })
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name + p });
            }
        }

        // SQLite applies the rows of one INSERT in order, so a point repeated within them still merges like separate writes.
        command.CommandText = "INSERT INTO points (series_id, ts, seq, fields) VALUES " + string.Join(", ", rows) + PointConflict;
        command.Prepare();
        return command;
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, object a, object b, object c, object? d = null)
    {
        command.Parameters[0].Value = a;
        command.Parameters[1].Value = b;
        command.Parameters[2].Value = c;
        if (command.Parameters.Count > 3)
        {
            command.Parameters[3].Value = d;
        }

        command.ExecuteNonQuery();
    }
}
