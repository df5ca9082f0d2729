using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.TelemetryStore.Sqlite;

/// <summary>
/// The read side of the embedded store, with the InfluxDB adapter's semantics: a point is a series + timestamp,
/// reads over every kind leave event measurements out, windows start at multiples of the window since the epoch.
/// Each read opens its own (pooled) connection, so reads run beside the writer under WAL.
/// </summary>
internal sealed class SqliteReader(string connectionString)
{
    private const string PointColumns = "s.kind, s.site, s.grid, s.zone, s.device, p.ts, p.seq, p.fields";

    public async Task<IReadOnlyList<StoredPoint>> LatestAsync(SeriesFilter filter, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"""
            SELECT {PointColumns} FROM series s JOIN points p ON p.series_id = s.id
            WHERE p.ts = (SELECT max(ts) FROM points WHERE series_id = s.id)
            """);
        using var connection = SqliteSchema.Open(connectionString);
        using var command = connection.CreateCommand();
        AppendFilter(sql, command, filter);
        command.CommandText = sql.ToString();
        var points = await ReadPointsAsync(command, cancellationToken).ConfigureAwait(false);

        // A device that moved zone has one series per placement; its latest point is the newest of them.
        return [.. points
            .GroupBy(p => (p.Kind, p.Device))
            .Select(g => g.MaxBy(p => p.Timestamp)!)
            .OrderBy(p => p.Kind, StringComparer.Ordinal).ThenBy(p => p.Device, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<StoredPoint>> RangeAsync(SeriesFilter filter, TimeRange range, int limit, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {PointColumns} FROM points p JOIN series s ON s.id = p.series_id WHERE p.ts >= $start AND p.ts < $end");
        using var connection = SqliteSchema.Open(connectionString);
        using var command = connection.CreateCommand();
        AddRange(command, range);
        AppendFilter(sql, command, filter);
        sql.Append(" ORDER BY p.ts, s.kind, s.device, s.grid, s.site, s.zone LIMIT $limit");
        command.Parameters.AddWithValue("$limit", limit);
        command.CommandText = sql.ToString();
        return await ReadPointsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AggregateRow>> AggregateAsync(AggregateQuery query, long windowMs, CancellationToken cancellationToken)
    {
        var group = query.GroupBy switch
        {
            GroupBy.Device => "s.device",
            GroupBy.Zone => "s.zone",
            GroupBy.Grid => "s.grid",
            _ => "s.kind",
        };
        const string Value = "json_extract(p.fields, $path)";

        // Last: SQLite takes the bare column from the row holding max(); the other functions are plain SQL aggregates.
        var aggregate = query.Function switch
        {
            AggregateFunction.Mean => $"avg({Value})",
            AggregateFunction.Min => $"min({Value})",
            AggregateFunction.Max => $"max({Value})",
            AggregateFunction.Sum => $"total({Value})",
            AggregateFunction.Count => $"count({Value})",
            _ => $"{Value}, max(p.ts)",
        };
        var counted = query.Function == AggregateFunction.Count ? "IS NOT NULL" : "IN ('integer', 'real')";

        using var connection = SqliteSchema.Open(connectionString);
        await RefuseNonNumericAsync(connection, query, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        var sql = new StringBuilder($"""
            SELECT {group}, p.ts - (((p.ts % $window) + $window) % $window) AS win, {aggregate}
            FROM points p JOIN series s ON s.id = p.series_id
            WHERE p.ts >= $start AND p.ts < $end AND json_type(p.fields, $path) {counted}
            """);
        AddRange(command, query.Range);
        AppendFilter(sql, command, query.Filter);
        sql.Append(CultureInfo.InvariantCulture, $" GROUP BY {group}, win ORDER BY win, {group}");
        command.Parameters.AddWithValue("$window", windowMs);
        command.Parameters.AddWithValue("$path", PointJson.PathOf(query.Field));
        command.CommandText = sql.ToString();

        var rows = new List<AggregateRow>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new AggregateRow(reader.GetString(0), ReadChecks.FromMs(reader.GetInt64(1)), reader.GetDouble(2)));
        }

        return rows;
    }

    public async Task<long> CountAsync(SeriesFilter filter, TimeRange range, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT count(*) FROM points p JOIN series s ON s.id = p.series_id WHERE p.ts >= $start AND p.ts < $end");
        using var connection = SqliteSchema.Open(connectionString);
        using var command = connection.CreateCommand();
        AddRange(command, range);
        AppendFilter(sql, command, filter);
        command.CommandText = sql.ToString();
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>InfluxDB refuses mean/min/max/sum/last over a boolean or text field; so does this store, naming it.</summary>
    private static async Task RefuseNonNumericAsync(SqliteConnection connection, AggregateQuery query, CancellationToken cancellationToken)
    {
        if (query.Function == AggregateFunction.Count)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, field_type FROM field_types WHERE field = $field AND field_type <> $number"
            + (query.Filter.Kind is null ? "" : " AND kind = $kind");
        command.Parameters.AddWithValue("$field", query.Field);
        command.Parameters.AddWithValue("$number", (int)FieldType.Number);
        command.Parameters.AddWithValue("$kind", (object?)query.Filter.Kind ?? DBNull.Value);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException(
                $"Cannot compute {query.Function} of field \"{query.Field}\" on measurement \"{reader.GetString(0)}\": it is of type "
                + $"{SqliteBatchWriter.TypeName((FieldType)reader.GetInt32(1))}; only numeric fields can be aggregated that way (Count works on any field).");
        }
    }

    private static void AddRange(SqliteCommand command, TimeRange range)
    {
        command.Parameters.AddWithValue("$start", range.Start.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$end", range.End.ToUnixTimeMilliseconds());
    }

    private static void AppendFilter(StringBuilder sql, SqliteCommand command, SeriesFilter filter)
    {
        if (filter.Kind is null)
        {
            sql.Append(" AND substr(s.kind, -length($eventSuffix)) <> $eventSuffix");
            command.Parameters.AddWithValue("$eventSuffix", TelemetryMeasurements.EventSuffix);
        }
        else
        {
            sql.Append(" AND s.kind = $kind");
            command.Parameters.AddWithValue("$kind", filter.Kind);
        }

        Tag(filter.Site, "site");
        Tag(filter.Grid, "grid");
        Tag(filter.Zone, "zone");
        if (filter.Devices is { } devices)
        {
            sql.Append(" AND s.device IN (");
            for (var i = 0; i < devices.Count; i++)
            {
                var name = "$d" + i.ToString(CultureInfo.InvariantCulture);
                sql.Append(i == 0 ? "" : ", ").Append(name);
                command.Parameters.AddWithValue(name, devices[i]);
            }

            sql.Append(')');
        }

        void Tag(string? value, string column)
        {
            if (value is not null)
            {
                sql.Append(" AND s.").Append(column).Append(" = $").Append(column);
                command.Parameters.AddWithValue("$" + column, value);
            }
        }
    }

    private static async Task<List<StoredPoint>> ReadPointsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var points = new List<StoredPoint>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            points.Add(new StoredPoint(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                ReadChecks.FromMs(reader.GetInt64(5)),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                PointJson.Read(reader.GetString(7))));
        }

        return points;
    }
}
