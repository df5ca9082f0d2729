using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkCommunity.TelemetryStore.Diagnostics;
using ParkCommunity.TelemetryStore.Hosting;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.TelemetryStore.Sqlite;

/// <summary>
/// The embedded telemetry store: one SQLite file in WAL mode. Writes are idempotent on series + timestamp
/// (values of a re-delivered point merge into the stored point), field types are kept per measurement and
/// a point whose field contradicts them is refused with InfluxDB's wording while the rest of the batch is stored.
/// </summary>
public sealed class SqliteTelemetryStore : ITelemetryWriter, ITelemetryReader, ITelemetryStoreLifecycle, IDisposable
{
    private const string Backend = "sqlite";

    private readonly string _connectionString;
    private readonly SqliteReader _reader;
    private readonly TelemetryStoreMetrics _metrics;
    private readonly ILogger<SqliteTelemetryStore> _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteBatchWriter? _writer;

    public SqliteTelemetryStore(IOptions<SqliteTelemetryOptions> options, TelemetryStoreMetrics metrics, ILogger<SqliteTelemetryStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Location = Path.GetFullPath(options.Value.Path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Location, Pooling = true }.ToString();
        _reader = new SqliteReader(_connectionString);
        _metrics = metrics;
        _logger = logger;
    }

    public string Location { get; }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureWriter();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask<WriteResult> WriteAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return WriteResult.AllStored;
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var rejected = new List<RejectedPoint>();
            int stored;
            try
            {
                stored = EnsureWriter().Write(batch, rejected);
            }
            catch (SqliteException e)
            {
                // Disk full, file locked past the busy timeout, I/O error: nothing of the batch was committed.
                _metrics.Failed(Backend);
                throw new TelemetryStoreUnavailableException($"Could not write {batch.Count} points to the telemetry database {Location}: {e.Message}", e);
            }

            _metrics.Written(Backend, stored);
            if (rejected.Count == 0)
            {
                return WriteResult.AllStored;
            }

            _metrics.Rejected(Backend, rejected.Count);
            TelemetryStoreLog.PointsRejected(_logger, Backend, rejected.Count, batch.Count, rejected[0].Reason);
            return new WriteResult(rejected);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<IReadOnlyList<StoredPoint>> LatestAsync(SeriesFilter filter, CancellationToken cancellationToken)
    {
        ReadChecks.Filter(filter);
        return ReadChecks.MatchesNothing(filter) ? [] : await ReadAsync(() => _reader.LatestAsync(filter, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredPoint>> RangeAsync(SeriesFilter filter, TimeRange range, int limit, CancellationToken cancellationToken)
    {
        ReadChecks.Filter(filter);
        ReadChecks.Range(range);
        ReadChecks.Limit(limit);
        return ReadChecks.MatchesNothing(filter) ? [] : await ReadAsync(() => _reader.RangeAsync(filter, range, limit, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AggregateRow>> AggregateAsync(AggregateQuery query, CancellationToken cancellationToken)
    {
        var windowMs = ReadChecks.Aggregate(query);
        return ReadChecks.MatchesNothing(query.Filter) ? [] : await ReadAsync(() => _reader.AggregateAsync(query, windowMs, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> CountAsync(SeriesFilter filter, TimeRange range, CancellationToken cancellationToken)
    {
        ReadChecks.Filter(filter);
        ReadChecks.Range(range);
        return ReadChecks.MatchesNothing(filter) ? 0 : await ReadAsync(() => _reader.CountAsync(filter, range, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writeLock.Dispose();
    }

    private async Task<T> ReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _writer) is null)
        {
            await PrepareAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw new TelemetryStoreUnavailableException($"Could not read the telemetry database {Location}: {e.Message}", e);
        }
    }

    /// <summary>Creates the folder, file and schema on first use; called under the write lock.</summary>
    private SqliteBatchWriter EnsureWriter()
    {
        if (_writer is not null)
        {
            return _writer;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Location)!);
            using (var connection = SqliteSchema.Open(_connectionString))
            using (var create = connection.CreateCommand())
            {
                create.CommandText = SqliteSchema.Create;
                create.ExecuteNonQuery();
            }

            Volatile.Write(ref _writer, new SqliteBatchWriter(_connectionString));
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Cannot open the telemetry database {Location} (TelemetryStore:Sqlite:Path): {e.Message}", e);
        }

        TelemetryStoreLog.Ready(_logger, Backend, Location);
        return _writer;
    }
}
