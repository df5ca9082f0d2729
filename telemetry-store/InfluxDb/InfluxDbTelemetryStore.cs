using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkCommunity.TelemetryStore.Diagnostics;
using ParkCommunity.TelemetryStore.Hosting;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.TelemetryStore.InfluxDb;

/// <summary>
/// The telemetry store on InfluxDB 1.x, 2.x or 3.x through the HTTP API they all serve: line protocol to
/// <c>/write</c> (ms precision), InfluxQL to <c>/query</c>, <c>/ping</c> for health. Points InfluxDB refuses come back
/// as <see cref="WriteResult.Rejected"/> with InfluxDB's reason; an unreachable or failing server raises
/// <see cref="TelemetryStoreUnavailableException"/>; refused credentials raise <see cref="InvalidOperationException"/>.
/// </summary>
public sealed class InfluxDbTelemetryStore : ITelemetryWriter, ITelemetryReader, ITelemetryStoreLifecycle, IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> the store asks <see cref="IHttpClientFactory"/> for.</summary>
    public const string HttpClientName = "ParkCommunity.TelemetryStore.InfluxDb";

    private const string Backend = "influxdb";

    private readonly InfluxDbOptions _options;
    private readonly InfluxDbConnection _connection;
    private readonly InfluxDbWriter _writer;
    private readonly InfluxDbReader _reader;
    private readonly TelemetryStoreMetrics _metrics;
    private readonly ILogger<InfluxDbTelemetryStore> _logger;
    private readonly SemaphoreSlim _prepareLock = new(1, 1);
    private volatile bool _prepared;

    public InfluxDbTelemetryStore(
        IHttpClientFactory httpClients, IOptions<InfluxDbOptions> options, TimeProvider timeProvider, TelemetryStoreMetrics metrics, ILogger<InfluxDbTelemetryStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _connection = new InfluxDbConnection(httpClients, _options, timeProvider);
        _writer = new InfluxDbWriter(_connection, _options, CreateDatabaseAsync, logger);
        _reader = new InfluxDbReader(_connection);
        _metrics = metrics;
        _logger = logger;
    }

    public string Location => _connection.Location;

    /// <summary>Pings the server and, when allowed, creates the database (CREATE DATABASE is idempotent in 1.x).</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await _prepareLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_prepared)
            {
                return;
            }

            try
            {
                await _connection.PingAsync(cancellationToken).ConfigureAwait(false);
                if (_options.CreateDatabase)
                {
                    await CreateDatabaseAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (TelemetryStoreUnavailableException e)
            {
                throw new TelemetryStoreUnavailableException($"Cannot prepare the telemetry store at {Location} (TelemetryStore:InfluxDb:Url): {e.Message}", e);
            }

            _prepared = true;
            TelemetryStoreLog.Ready(_logger, Backend, Location);
        }
        finally
        {
            _prepareLock.Release();
        }
    }

    public async ValueTask<WriteResult> WriteAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return WriteResult.AllStored;
        }

        await EnsurePreparedAsync(cancellationToken).ConfigureAwait(false);
        List<RejectedPoint> rejected;
        try
        {
            rejected = await _writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (TelemetryStoreUnavailableException)
        {
            _metrics.Failed(Backend);
            throw;
        }

        _metrics.Written(Backend, batch.Count - rejected.Count);
        if (rejected.Count == 0)
        {
            return WriteResult.AllStored;
        }

        _metrics.Rejected(Backend, rejected.Count);
        TelemetryStoreLog.PointsRejected(_logger, Backend, rejected.Count, batch.Count, rejected[0].Reason);
        return new WriteResult(rejected);
    }

    public async Task<IReadOnlyList<StoredPoint>> LatestAsync(SeriesFilter filter, CancellationToken cancellationToken)
    {
        ReadChecks.Filter(filter);
        if (ReadChecks.MatchesNothing(filter))
        {
            return [];
        }

        await EnsurePreparedAsync(cancellationToken).ConfigureAwait(false);
        return await _reader.LatestAsync(filter, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredPoint>> RangeAsync(SeriesFilter filter, TimeRange range, int limit, CancellationToken cancellationToken)
    {
        ReadChecks.Filter(filter);
        ReadChecks.Range(range);
        ReadChecks.Limit(limit);
        if (ReadChecks.MatchesNothing(filter))
        {
            return [];
        }

        await EnsurePreparedAsync(cancellationToken).ConfigureAwait(false);
        return await _reader.RangeAsync(filter, range, limit, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AggregateRow>> AggregateAsync(AggregateQuery query, CancellationToken cancellationToken)
    {
        var windowMs = ReadChecks.Aggregate(query);
        if (ReadChecks.MatchesNothing(query.Filter))
        {
            return [];
        }

        await EnsurePreparedAsync(cancellationToken).ConfigureAwait(false);
        return await _reader.AggregateAsync(query, windowMs, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> CountAsync(SeriesFilter filter, TimeRange range, CancellationToken cancellationToken)
    {
        ReadChecks.Filter(filter);
        ReadChecks.Range(range);
        if (ReadChecks.MatchesNothing(filter))
        {
            return 0;
        }

        await EnsurePreparedAsync(cancellationToken).ConfigureAwait(false);
        return await _reader.CountAsync(filter, range, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _prepareLock.Dispose();

    private Task EnsurePreparedAsync(CancellationToken cancellationToken) => _prepared ? Task.CompletedTask : PrepareAsync(cancellationToken);

    private async Task CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _connection.QueryAsync($"CREATE DATABASE {InfluxQl.Identifier(_connection.Database)}", true, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e) when (e is not null && !e.Message.Contains("refused " + _options.AuthMethod, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Could not create InfluxDB {Location}: {e.Message}. On InfluxDB 2.x/3.x create the bucket/database yourself and set TelemetryStore:InfluxDb:CreateDatabase=false.", e);
        }

        TelemetryStoreLog.DatabaseCreated(_logger, _connection.Database);
    }
}
