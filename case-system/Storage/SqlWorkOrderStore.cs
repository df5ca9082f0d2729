using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Storage;

/// <summary>
/// The work order store over plain ADO.NET and portable SQL. SQLite and PostgreSQL differ only in how a connection
/// and a write transaction are opened, how a duplicate active alarm shows up as an error, and a few dialect words,
/// which the sealed subclasses supply.
/// </summary>
public abstract class SqlWorkOrderStore : IWorkOrderStore
{
    private const string Columns =
        "id, title, category, priority, sla_due_at, site, grid, zone, device, source_kind, alarm_key, report_channel, " +
        "callback_contact, assignee_crew, assignee_person, status, created_at, updated_at, version";

    private const string AlarmSourceKind = "alarm";
    private const string ResidentReportSourceKind = "resident_report";
    private const string ActiveStatuses = "('open', 'assigned', 'in_progress')";
    private const int MaxCreateAttempts = 5;

    private readonly TimeProvider _time;
    private readonly SlaPolicy _sla;
    private readonly ILogger _logger;
    private readonly CaseSystemMetrics _metrics;

    protected SqlWorkOrderStore(TimeProvider time, SlaPolicy sla, ILogger logger, CaseSystemMetrics metrics)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _sla = sla ?? throw new ArgumentNullException(nameof(sla));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
    }

    /// <summary>Column type of an auto-increment primary key.</summary>
    protected abstract string IdentityColumn { get; }

    /// <summary>Appended to a SELECT inside a write transaction to lock the rows read until commit.</summary>
    protected abstract string LockRowsClause { get; }

    /// <summary>A statement that serialises schema migration across nodes, or null when the write transaction already does.</summary>
    protected abstract string? SchemaLockStatement { get; }

    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Begins a transaction that writes; on engines with a single writer it takes the write lock up front.</summary>
    protected abstract ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>True when the error is the unique index on active alarm keys refusing a second order.</summary>
    protected abstract bool IsActiveAlarmConflict(DbException exception);

    /// <summary>Database-wide settings that cannot be changed inside a transaction; runs before migration.</summary>
    protected virtual Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await PrepareDatabaseAsync(connection, cancellationToken).ConfigureAwait(false);
            var transaction = await BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (SchemaLockStatement is { } lockStatement)
                {
                    await connection.Sql(transaction, lockStatement).ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
                }

                await connection.Sql(transaction, CaseSchema.VersionTable).ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
                var current = Convert.ToInt32(
                    await connection.Sql(transaction, "SELECT COALESCE(MAX(version), 0) FROM case_schema")
                        .ScalarAndDisposeAsync(cancellationToken).ConfigureAwait(false),
                    CultureInfo.InvariantCulture);
                if (current > CaseSchema.LatestVersion)
                {
                    throw new InvalidOperationException(
                        $"The case database is at schema version {current}, newer than this build knows ({CaseSchema.LatestVersion}). " +
                        "Upgrade this node instead of running an older build against it.");
                }

                for (var version = current + 1; version <= CaseSchema.LatestVersion; version++)
                {
                    foreach (var statement in CaseSchema.StatementsFor(version, IdentityColumn))
                    {
                        await connection.Sql(transaction, statement).ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await connection.Sql(transaction, "INSERT INTO case_schema (version, applied_at) VALUES (@version, @at)")
                        .With("@version", version).With("@at", _time.GetUtcNow().ToUnixTimeMilliseconds())
                        .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                _logger.SchemaReady(CaseSchema.LatestVersion, CaseSchema.LatestVersion - current);
            }
        }
    }

    public async Task<AlarmWorkOrder> CreateForAlarmAsync(NewWorkOrder order, AlarmKey alarmKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarmKey);
        var source = new AlarmSource(alarmKey);
        WorkOrderValidation.Validate(order, source);

        // Look first so the common case (the alarm already has an order) never burns an id; the unique index decides
        // the rare race, after which the loser reads the winner's order. Looping covers the winner's order being closed
        // in between, so the loser's retry rightly opens a new one.
        for (var attempt = 0; attempt < MaxCreateAttempts; attempt++)
        {
            if (await FindOpenByAlarmAsync(alarmKey, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                _logger.AlarmAlreadyHasWorkOrder(alarmKey.ToString(), existing.Id);
                _metrics.AlarmDuplicate();
                return new AlarmWorkOrder(existing, Created: false);
            }

            try
            {
                return new AlarmWorkOrder(await InsertAsync(order, source, cancellationToken).ConfigureAwait(false), Created: true);
            }
            catch (DbException exception) when (IsActiveAlarmConflict(exception))
            {
                _logger.AlarmCreateRaceLost(alarmKey.ToString());
            }
        }

        throw new InvalidOperationException(
            $"Could not open or find a work order for alarm {alarmKey} after {MaxCreateAttempts} attempts; its orders are changing too fast.");
    }

    public Task<WorkOrder> CreateAsync(NewWorkOrder order, ResidentReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        WorkOrderValidation.Validate(order, report);
        return InsertAsync(order, report, cancellationToken);
    }

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

    public Task<WorkOrder> TransitionAsync(
        string id, WorkOrderStatus target, string actor, string? comment = null, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (target == WorkOrderStatus.Assigned)
        {
            throw new ArgumentException("Assigning needs an assignee: use AssignAsync.", nameof(target));
        }

        WorkOrderValidation.ValidateEntry(actor, comment, textRequired: false);
        return ChangeAsync(id, expectedVersion, actor, current =>
        {
            WorkOrderTransitions.EnsureAllowed(id, current.Status, target);
            var kind = WorkOrderTransitions.IsReopen(current.Status, target) ? TimelineKind.Reopened : TimelineKind.StatusChanged;
            var text = $"{WireNames.Of(current.Status)} → {WireNames.Of(target)}" + (comment is null ? "" : $": {comment}");
            return (current with { Status = target }, kind, text);
        }, cancellationToken);
    }

    public Task<WorkOrder> AssignAsync(
        string id, Assignee assignee, string actor, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(assignee);
        WorkOrderValidation.ValidateEntry(actor, null, textRequired: false);
        return ChangeAsync(id, expectedVersion, actor, current =>
        {
            WorkOrderTransitions.EnsureAllowed(id, current.Status, WorkOrderStatus.Assigned);
            return (current with { Status = WorkOrderStatus.Assigned, Assignee = assignee }, TimelineKind.Assigned, assignee.ToString());
        }, cancellationToken);
    }

    public Task<TimelineEntry> AddCommentAsync(string id, string text, string actor, CancellationToken cancellationToken = default) =>
        AddTimelineEntryAsync(id, TimelineKind.Comment, text, actor, cancellationToken);

    public async Task<TimelineEntry> AddTimelineEntryAsync(
        string id, TimelineKind kind, string? text, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (kind is not (TimelineKind.Comment or TimelineKind.AlarmCleared or TimelineKind.Escalated))
        {
            throw new ArgumentException(
                $"Timeline kind {WireNames.Of(kind)} is recorded by the store itself with the change it describes.", nameof(kind));
        }

        WorkOrderValidation.ValidateEntry(actor, text, textRequired: kind == TimelineKind.Comment);
        var now = Now();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var touched = await connection.Sql(transaction, "UPDATE work_orders SET updated_at = @now WHERE id = @id")
                    .With("@now", now.ToUnixTimeMilliseconds()).With("@id", id)
                    .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
                if (touched == 0)
                {
                    throw WorkOrderNotFoundException.For(id);
                }

                var entry = await AppendTimelineAsync(connection, transaction, id, now, kind, actor, text, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return entry;
            }
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

    private async Task<WorkOrder> InsertAsync(NewWorkOrder order, WorkOrderSource source, CancellationToken cancellationToken)
    {
        var now = Now();
        var due = DateTimeOffset.FromUnixTimeMilliseconds((order.SlaDueAt ?? _sla.DueAt(order.Priority, now)).ToUnixTimeMilliseconds());
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var number = Convert.ToInt64(
                    await connection.Sql(
                            transaction,
                            "INSERT INTO work_order_sequences (year, last_value) VALUES (@year, 1) " +
                            "ON CONFLICT (year) DO UPDATE SET last_value = work_order_sequences.last_value + 1 RETURNING last_value")
                        .With("@year", now.Year)
                        .ScalarAndDisposeAsync(cancellationToken).ConfigureAwait(false),
                    CultureInfo.InvariantCulture);
                var created = new WorkOrder(
                    string.Create(CultureInfo.InvariantCulture, $"WO-{now.Year:D4}-{number:D6}"),
                    order.Title,
                    order.Category,
                    order.Priority,
                    due,
                    order.Location,
                    source,
                    Assignee: null,
                    WorkOrderStatus.Open,
                    now,
                    now,
                    Version: 1);

                var (sourceKind, alarmKey, channel, contact) = source switch
                {
                    AlarmSource alarm => (AlarmSourceKind, alarm.AlarmKey.ToString(), null, null),
                    ResidentReport report => (ResidentReportSourceKind, (string?)null, report.Channel, report.CallbackContact),
                    _ => throw new ArgumentException($"Unknown work order source {source.GetType().Name}.", nameof(source)),
                };
                await connection.Sql(
                        transaction,
                        $"INSERT INTO work_orders ({Columns}) VALUES (@id, @title, @category, @priority, @due, @site, @grid, @zone, @device, " +
                        "@sourceKind, @alarmKey, @channel, @contact, NULL, NULL, @status, @now, @now, 1)")
                    .With("@id", created.Id).With("@title", created.Title)
                    .With("@category", WireNames.Of(created.Category)).With("@priority", WireNames.Of(created.Priority))
                    .With("@due", due.ToUnixTimeMilliseconds())
                    .With("@site", created.Location.Site).With("@grid", created.Location.Grid)
                    .With("@zone", created.Location.Zone).With("@device", created.Location.Device)
                    .With("@sourceKind", sourceKind).With("@alarmKey", alarmKey).With("@channel", channel).With("@contact", contact)
                    .With("@status", WireNames.Of(WorkOrderStatus.Open)).With("@now", now.ToUnixTimeMilliseconds())
                    .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);

                var text = source switch
                {
                    AlarmSource alarm => $"Opened for alarm {alarm.AlarmKey}",
                    ResidentReport report => $"Reported by a resident via {report.Channel}",
                    _ => null,
                };
                await AppendTimelineAsync(connection, transaction, created.Id, now, TimelineKind.Created, order.CreatedBy, text, cancellationToken)
                    .ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

                _logger.WorkOrderCreated(created.Id, WireNames.Of(created.Category), WireNames.Of(created.Priority), created.Location.Grid, order.CreatedBy);
                _metrics.Created(sourceKind, created.Category);
                return created;
            }
        }
    }

    /// <summary>
    /// Reads the order under a write lock, lets <paramref name="decide"/> compute the new state (or throw), and writes
    /// the row and its timeline entry in the same transaction.
    /// </summary>
    private async Task<WorkOrder> ChangeAsync(
        string id,
        int? expectedVersion,
        string actor,
        Func<WorkOrder, (WorkOrder Updated, TimelineKind Kind, string Text)> decide,
        CancellationToken cancellationToken)
    {
        var now = Now();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var rows = await connection.Sql(transaction, $"SELECT {Columns} FROM work_orders WHERE id = @id{LockRowsClause}")
                    .With("@id", id)
                    .ReadAndDisposeAsync(ReadWorkOrder, cancellationToken).ConfigureAwait(false);
                var current = rows.SingleOrDefault() ?? throw WorkOrderNotFoundException.For(id);
                if (expectedVersion is { } expected && expected != current.Version)
                {
                    throw new WorkOrderConcurrencyException(id, expected, current.Version);
                }

                var (decided, kind, text) = decide(current);
                var updated = decided with { UpdatedAt = now, Version = current.Version + 1 };
                var written = await connection.Sql(
                        transaction,
                        "UPDATE work_orders SET status = @status, assignee_crew = @crew, assignee_person = @person, updated_at = @now, " +
                        "version = @newVersion WHERE id = @id AND version = @version")
                    .With("@status", WireNames.Of(updated.Status))
                    .With("@crew", updated.Assignee?.CrewId).With("@person", updated.Assignee?.Person)
                    .With("@now", now.ToUnixTimeMilliseconds()).With("@newVersion", updated.Version)
                    .With("@id", id).With("@version", current.Version)
                    .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
                if (written != 1)
                {
                    // Only reachable if the engine did not hold the row lock; kept as a guard against silent lost updates.
                    throw new WorkOrderConcurrencyException(id, current.Version, current.Version + 1);
                }

                await AppendTimelineAsync(connection, transaction, id, now, kind, actor, text, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

                if (kind == TimelineKind.Assigned)
                {
                    _logger.WorkOrderAssigned(id, text, actor);
                }
                else
                {
                    _logger.WorkOrderTransitioned(id, WireNames.Of(current.Status), WireNames.Of(updated.Status), actor);
                }

                _metrics.Transitioned(updated.Status);
                return updated;
            }
        }
    }

    private static async Task<TimelineEntry> AppendTimelineAsync(
        DbConnection connection,
        DbTransaction transaction,
        string id,
        DateTimeOffset at,
        TimelineKind kind,
        string actor,
        string? text,
        CancellationToken cancellationToken)
    {
        var sequence = Convert.ToInt64(
            await connection.Sql(
                    transaction,
                    "INSERT INTO work_order_timeline (work_order_id, at, kind, actor, text) VALUES (@id, @at, @kind, @actor, @text) RETURNING seq")
                .With("@id", id).With("@at", at.ToUnixTimeMilliseconds()).With("@kind", WireNames.Of(kind))
                .With("@actor", actor).With("@text", text)
                .ScalarAndDisposeAsync(cancellationToken).ConfigureAwait(false),
            CultureInfo.InvariantCulture);
        return new TimelineEntry(sequence, id, at, kind, actor, text);
    }

    private static WorkOrder ReadWorkOrder(DbDataReader reader)
    {
        string? Optional(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

        WorkOrderSource source = reader.GetString(9) switch
        {
            AlarmSourceKind => new AlarmSource(AlarmKey.Parse(reader.GetString(10))),
            ResidentReportSourceKind => new ResidentReport(reader.GetString(11), Optional(12)),
            var other => throw new FormatException($"Work order {reader.GetString(0)} has unknown source kind '{other}'."),
        };
        var crew = Optional(13);
        var person = Optional(14);
        return new WorkOrder(
            reader.GetString(0),
            reader.GetString(1),
            WireNames.ParseCategory(reader.GetString(2)),
            WireNames.ParsePriority(reader.GetString(3)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            new WorkOrderLocation(reader.GetString(5), reader.GetString(6), Optional(7), Optional(8)),
            source,
            crew is null && person is null ? null : new Assignee(crew, person),
            WireNames.ParseStatus(reader.GetString(15)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(16)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(17)),
            reader.GetInt32(18));
    }

    /// <summary>Now, at the millisecond precision the store keeps, so returned orders equal what a later read returns.</summary>
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
}
