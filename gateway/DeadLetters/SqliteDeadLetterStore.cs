using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkCommunity.Gateway.Hosting;

namespace ParkCommunity.Gateway.DeadLetters;

/// <summary>
/// Dead letters in the gateway's own SQLite file. Adds are queued and inserted by one writer in
/// transactions of many (a flood of bad messages costs one fsync per group, not per message);
/// each add completes when its transaction has committed.
/// </summary>
internal sealed partial class SqliteDeadLetterStore(
    GatewayDatabase database,
    IOptions<DeadLetterOptions> options,
    ILogger<SqliteDeadLetterStore> logger) : BackgroundService, IDeadLetterStore
{
    private const int MaxGroup = 500;
    private readonly Channel<PendingLetter> _queue = Channel.CreateBounded<PendingLetter>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS dead_letters(
                id INTEGER PRIMARY KEY,
                received_at_ms INTEGER NOT NULL,
                topic TEXT NOT NULL,
                device TEXT,
                reason TEXT NOT NULL,
                detail TEXT NOT NULL,
                payload BLOB NOT NULL,
                payload_length INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS dead_letters_by_device ON dead_letters(device, id);
            CREATE INDEX IF NOT EXISTS dead_letters_by_reason ON dead_letters(reason, id);
            """, cancellationToken).ConfigureAwait(false);

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AddAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var max = options.Value.MaxPayloadBytes;
        if (letter.Payload.Length > max)
        {
            letter = letter with { Payload = letter.Payload[..max] };
        }

        var pending = new PendingLetter(letter, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        await pending.Stored.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(string? device, string? reason, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var query = connection.CreateCommand();
        query.CommandText = """
            SELECT received_at_ms, topic, device, reason, detail, payload, payload_length FROM dead_letters
            WHERE ($device IS NULL OR device = $device) AND ($reason IS NULL OR reason = $reason)
            ORDER BY id DESC LIMIT $limit
            """;
        query.Parameters.AddWithValue("$device", (object?)device ?? DBNull.Value);
        query.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
        query.Parameters.AddWithValue("$limit", limit);
        var letters = new List<DeadLetter>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            letters.Add(new DeadLetter(
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                (byte[])reader.GetValue(5),
                reader.GetInt32(6)));
        }

        return letters;
    }

    public async Task<IReadOnlyDictionary<string, long>> CountByReasonAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT reason, count(*) FROM dead_letters GROUP BY reason";
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var connection = await database.OpenAsync(stoppingToken).ConfigureAwait(false);
        var group = new List<PendingLetter>(MaxGroup);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (group.Count < MaxGroup && _queue.Reader.TryRead(out var pending))
                {
                    group.Add(pending);
                }

                await InsertAsync(connection, group).ConfigureAwait(false);
                group.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (_queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
            }

            await InsertAsync(connection, group).ConfigureAwait(false);
        }
    }

    private async Task InsertAsync(SqliteConnection connection, List<PendingLetter> group)
    {
        if (group.Count == 0)
        {
            return;
        }

        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync().ConfigureAwait(false);
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO dead_letters(received_at_ms, topic, device, reason, detail, payload, payload_length)
                VALUES ($at, $topic, $device, $reason, $detail, $payload, $length)
                """;
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            var topic = insert.Parameters.Add("$topic", SqliteType.Text);
            var device = insert.Parameters.Add("$device", SqliteType.Text);
            var reason = insert.Parameters.Add("$reason", SqliteType.Text);
            var detail = insert.Parameters.Add("$detail", SqliteType.Text);
            var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
            var length = insert.Parameters.Add("$length", SqliteType.Integer);
            foreach (var (letter, _) in group)
            {
                at.Value = letter.ReceivedAt.ToUnixTimeMilliseconds();
                topic.Value = letter.Topic;
                device.Value = (object?)letter.Device ?? DBNull.Value;
                reason.Value = letter.Reason;
                detail.Value = letter.Detail;
                payload.Value = letter.Payload;
                length.Value = letter.PayloadLength;
                await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            await transaction.CommitAsync().ConfigureAwait(false);
            foreach (var pending in group)
            {
                pending.Stored.TrySetResult();
            }
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
        {
            LogInsertFailed(logger, ex, group.Count);
            foreach (var pending in group)
            {
                pending.Stored.TrySetException(ex);
            }
        }
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Error, Message = "Could not store {Count} dead letters; their messages stay unacknowledged")]
    private static partial void LogInsertFailed(ILogger logger, Exception exception, int count);

    private readonly record struct PendingLetter(DeadLetter Letter, TaskCompletionSource Stored);
}
