using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.SqlStorage;

namespace ParkCommunity.CaseSystem.Storage;

/// <summary>
/// The work order store over plain ADO.NET and portable SQL. SQLite and PostgreSQL differ only in how a connection
/// and a write transaction are opened, how a duplicate active alarm shows up as an error, and a few dialect words,
/// which the sealed subclasses supply.
/// </summary>
public abstract partial class SqlWorkOrderStore : IWorkOrderStore
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
                var current = await SchemaMigrations.ApplyAsync(
                        connection, transaction, SchemaLockStatement, "case_schema", "case", CaseSchema.LatestVersion, version => CaseSchema.StatementsFor(version, IdentityColumn),
                        _time.GetUtcNow(), cancellationToken)
                    .ConfigureAwait(false);
                _logger.SchemaReady(CaseSchema.LatestVersion, CaseSchema.LatestVersion - current);
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