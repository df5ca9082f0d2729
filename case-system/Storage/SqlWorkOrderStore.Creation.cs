using System.Data.Common;
using System.Globalization;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.SqlStorage;

namespace ParkCommunity.CaseSystem.Storage;

/// <summary>Opening work orders: for alarms (idempotent per alarm key) and for residents' reports.</summary>
public abstract partial class SqlWorkOrderStore
{
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
}
