using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ParkCommunity.Gateway.Hosting;
using ParkCommunity.Gateway.Ingestion;

namespace ParkCommunity.Gateway.DeviceStatus;

/// <summary>
/// Writes changed device states (last seen, reported online/offline) to the gateway database every few
/// seconds, so other processes (the CLI, the dashboard) can read them. Last-seen is updated in memory on
/// every message; writing it per message would cost a database write each.
/// </summary>
internal sealed partial class DeviceStatusPersister(
    DeviceDirectory directory,
    GatewayDatabase database,
    TimeProvider time,
    ILogger<DeviceStatusPersister> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS device_status(
                device TEXT PRIMARY KEY,
                site TEXT NOT NULL,
                kind TEXT NOT NULL,
                last_seen_ms INTEGER,
                reported_online INTEGER,
                status_at_ms INTEGER,
                seq_missing INTEGER NOT NULL DEFAULT 0,
                seq_duplicates INTEGER NOT NULL DEFAULT 0)
            """, cancellationToken).ConfigureAwait(false);

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await PersistChangesAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await PersistChangesAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    internal async Task PersistChangesAsync(CancellationToken cancellationToken)
    {
        var changed = directory.All.Concat(directory.Unassigned).Select(p => p.State).Where(s => s.TakeDirty()).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO device_status(device, site, kind, last_seen_ms, reported_online, status_at_ms, seq_missing, seq_duplicates)
                VALUES ($device, $site, $kind, $seen, $online, $statusAt, $missing, $duplicates)
                ON CONFLICT(device) DO UPDATE SET last_seen_ms = excluded.last_seen_ms,
                    reported_online = excluded.reported_online, status_at_ms = excluded.status_at_ms,
                    seq_missing = excluded.seq_missing, seq_duplicates = excluded.seq_duplicates
                """;
            foreach (var state in changed)
            {
                upsert.Parameters.Clear();
                upsert.Parameters.AddWithValue("$device", state.DeviceId);
                upsert.Parameters.AddWithValue("$site", state.Site);
                upsert.Parameters.AddWithValue("$kind", state.Kind);
                upsert.Parameters.AddWithValue("$seen", (object?)state.LastSeen?.ToUnixTimeMilliseconds() ?? DBNull.Value);
                upsert.Parameters.AddWithValue("$online", state.ReportedOnline is { } online ? (online ? 1 : 0) : DBNull.Value);
                upsert.Parameters.AddWithValue("$statusAt", (object?)state.StatusChangedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
                upsert.Parameters.AddWithValue("$missing", state.Sequence.Gaps);
                upsert.Parameters.AddWithValue("$duplicates", state.Sequence.Duplicates);
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            LogPersistFailed(logger, ex, changed.Count);
        }
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Error, Message = "Could not save the status of {Count} devices; will retry with the next change")]
    private static partial void LogPersistFailed(ILogger logger, Exception exception, int count);
}
