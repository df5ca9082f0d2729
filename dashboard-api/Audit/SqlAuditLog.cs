using System.Globalization;
using ParkCommunity.DashboardApi.Data;
using ParkCommunity.SqlStorage;

namespace ParkCommunity.DashboardApi.Audit;

/// <summary>The audit log in the dashboard database (SQLite or PostgreSQL). Rows are only ever inserted.</summary>
internal sealed class SqlAuditLog(DashboardDatabase database) : IAuditLog
{
    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.Sql("INSERT INTO audit_log(at, actor, action, target, detail, ip) VALUES (@at, @actor, @action, @target, @detail, @ip)")
                .With("@at", record.At.ToUnixTimeMilliseconds()).With("@actor", record.Actor).With("@action", record.Action)
                .With("@target", record.Target).With("@detail", record.Detail).With("@ip", record.Ip)
                .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new List<string>();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.Sql("");
            if (query.From is { } from)
            {
                where.Add("at >= @from");
                command.With("@from", from.ToUnixTimeMilliseconds());
            }

            if (query.To is { } to)
            {
                where.Add("at < @to");
                command.With("@to", to.ToUnixTimeMilliseconds());
            }

            if (query.Actor is { } actor)
            {
                where.Add("actor = @actor");
                command.With("@actor", actor);
            }

            if (query.Action is { } action)
            {
                where.Add("action = @action");
                command.With("@action", action);
            }

            var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
#pragma warning disable CA2100 // The filter is built from constant fragments; values are parameters.
            command.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"SELECT at, actor, action, target, detail, ip FROM audit_log{filter} ORDER BY at DESC, id DESC LIMIT {Math.Clamp(query.Limit, 1, AuditQuery.MaxLimit)}");
#pragma warning restore CA2100
            return await command.ReadAndDisposeAsync(
                r => new AuditRecord(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)), r.GetString(1), r.GetString(2), r.GetString(3),
                    r.NullableString(4), r.NullableString(5)),
                cancellationToken).ConfigureAwait(false);
        }
    }
}
