using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.SqlStorage;

namespace ParkCommunity.CaseSystem.Storage;

/// <summary>Reading work orders and their timelines; no transaction needed.</summary>
public abstract partial class SqlWorkOrderStore
{
    public async Task<WorkOrder?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var orders = await connection.Sql(null, $"SELECT {Columns} FROM work_orders WHERE id = @id").With("@id", id)
                .ReadAndDisposeAsync(ReadWorkOrder, cancellationToken).ConfigureAwait(false);
            return orders.SingleOrDefault();
        }
    }

    public async Task<WorkOrder?> FindOpenByAlarmAsync(AlarmKey alarmKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarmKey);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Same predicate as the partial unique index, so the engine can answer from it.
            var orders = await connection
                .Sql(null, $"SELECT {Columns} FROM work_orders WHERE alarm_key = @key AND alarm_key IS NOT NULL AND status NOT IN ('closed', 'cancelled')")
                .With("@key", alarmKey.ToString())
                .ReadAndDisposeAsync(ReadWorkOrder, cancellationToken).ConfigureAwait(false);
            return orders.SingleOrDefault();
        }
    }

    public async Task<IReadOnlyList<WorkOrder>> ListAsync(WorkOrderQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.Sql(null, "");
            var where = new List<string>();
            if (query.Statuses is { Count: > 0 } statuses)
            {
                where.Add($"status IN ({command.WithList("@status", statuses.Select(WireNames.Of))})");
            }

            if (query.Grids is { Count: > 0 } grids)
            {
                where.Add($"grid IN ({command.WithList("@grid", grids)})");
            }

            if (query.Site is { } site)
            {
                where.Add("site = @site");
                command.With("@site", site);
            }

            if (query.Category is { } category)
            {
                where.Add("category = @category");
                command.With("@category", WireNames.Of(category));
            }

            if (query.AssigneeCrewId is { } crew)
            {
                where.Add("assignee_crew = @crew");
                command.With("@crew", crew);
            }

            if (query.AssigneePerson is { } person)
            {
                where.Add("assignee_person = @person");
                command.With("@person", person);
            }

            if (query.OverdueAt is { } overdueAt)
            {
                where.Add($"sla_due_at < @overdue AND status IN {ActiveStatuses}");
                command.With("@overdue", overdueAt.ToUnixTimeMilliseconds());
            }

            var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
            command.CommandText = $"SELECT {Columns} FROM work_orders{filter} ORDER BY created_at, id LIMIT @take OFFSET @skip";
            command.With("@take", query.Take).With("@skip", query.Skip);
            return await command.ReadAndDisposeAsync(ReadWorkOrder, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection
                .Sql(null, "SELECT seq, work_order_id, at, kind, actor, text FROM work_order_timeline WHERE work_order_id = @id ORDER BY seq")
                .With("@id", id)
                .ReadAndDisposeAsync(
                    reader => new TimelineEntry(
                        reader.GetInt64(0),
                        reader.GetString(1),
                        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                        WireNames.ParseTimelineKind(reader.GetString(3)),
                        reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5)),
                    cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
