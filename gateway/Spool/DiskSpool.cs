using System.Buffers;
using Microsoft.Extensions.Logging;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.Gateway.Spool;

/// <summary>
/// Batches the telemetry store could not take, kept on disk in append-only, checksummed segment files
/// and replayed oldest first once the store answers again.
/// <para>
/// Crash safety comes from simple rules rather than bookkeeping: a record counts only once it is
/// flushed to disk (<see cref="TryAppendAsync"/> returns true after <c>Flush(true)</c>); a torn tail is
/// found by length and CRC on <see cref="Open"/> and cut off; appends after a restart go to a new
/// segment; and which records were replayed is known in memory only. After a crash a segment is
/// therefore replayed again from its start — harmless, as store writes are idempotent on series and
/// timestamp — and a fully replayed segment is deleted, so at most one segment is replayed twice.
/// </para>
/// Safe for one appender and one replayer at a time; one async mutex guards files and counts, and is
/// released while a replayed batch is being written to the store.
/// </summary>
internal sealed class DiskSpool : IDisposable, IAsyncDisposable
{
    private static readonly TimeSpan FullLogInterval = TimeSpan.FromMinutes(1);

    private readonly SpoolOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SpoolMetrics _metrics;
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private readonly List<SpoolSegment> _segments;
    private readonly SpoolBatchEncoder _encoder = new();
    private readonly SpoolBatchDecoder _decoder = new();
    private readonly ArrayBufferWriter<byte> _payload = new(64 * 1024);
    private readonly TelemetryBatch _replayBatch = new();
    private byte[] _readBuffer = new byte[64 * 1024];
    private FileStream? _appendStream;
    private long _nextNumber;
    private long _diskBytes;
    private long _pendingBytes;
    private long _pendingRecords;
    private long? _fullLoggedAt;
    private bool _disposed;

    private DiskSpool(SpoolOptions options, TimeProvider time, ILogger logger, SpoolMetrics metrics, List<SpoolSegment> segments)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _segments = segments;
        _nextNumber = segments.Count == 0 ? 1 : segments[^1].Number + 1;
        foreach (var segment in segments)
        {
            _diskBytes += segment.Length;
            _pendingBytes += segment.Length;
            _pendingRecords += segment.Records;
        }

        metrics.Track(() => PendingBytes);
    }

    public long PendingBytes => Interlocked.Read(ref _pendingBytes);

    public long PendingRecords => Interlocked.Read(ref _pendingRecords);

    public bool IsEmpty => PendingRecords == 0;

    /// <summary>Torn or corrupt segment tails found and cut off by <see cref="Open"/>.</summary>
    public int TornRecordsFound { get; private init; }

    /// <summary>Opens the spool folder (creating it), checks every segment and cuts off torn tails. Never fails for a torn tail.</summary>
    public static DiskSpool Open(SpoolOptions options, TimeProvider time, ILogger<DiskSpool> logger, SpoolMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(metrics);
        var directory = Directory.CreateDirectory(options.Directory).FullName;
        var (segments, torn) = SpoolRecovery.ScanFolder(directory, logger, metrics);
        var spool = new DiskSpool(options, time, logger, metrics, segments) { TornRecordsFound = torn };
        if (!spool.IsEmpty)
        {
            SpoolLog.Recovered(logger, directory, spool.PendingRecords, spool.PendingBytes);
        }

        return spool;
    }

    /// <summary>
    /// Appends <paramref name="batch"/> as one record and returns true once it is durable on disk. Returns
    /// false when it was not kept: the spool is full under <see cref="SpoolFullPolicy.StopAcknowledging"/>,
    /// the batch is larger than the whole spool, or the disk failed (all logged as errors).
    /// </summary>
    public async ValueTask<bool> TryAppendAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return true;
        }

        await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return AppendLocked(batch);
        }
        finally
        {
            _mutex.Release();
        }
    }

    /// <summary>
    /// Hands the oldest pending batch to <paramref name="write"/> and, once it returns, consumes it.
    /// If <paramref name="write"/> throws (the store is still down) nothing is consumed and the exception
    /// propagates. Returns false when nothing is pending. The batch is reused: do not keep it.
    /// </summary>
    public async ValueTask<bool> TryReplayOldestAsync(Func<TelemetryBatch, CancellationToken, ValueTask> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        SpoolSegment? segment;
        long offset;
        int recordBytes;
        await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            (segment, offset, recordBytes) = ReadOldestLocked();
        }
        finally
        {
            _mutex.Release();
        }

        if (segment is null)
        {
            return false;
        }

        await write(_replayBatch, cancellationToken).ConfigureAwait(false);
        await _mutex.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            ConsumeLocked(segment, offset, recordBytes);
        }
        finally
        {
            _mutex.Release();
        }

        _metrics.Replayed();
        return true;
    }

    public void Dispose()
    {
        _mutex.Wait();
        CloseLocked();
    }

    public async ValueTask DisposeAsync()
    {
        await _mutex.WaitAsync().ConfigureAwait(false);
        CloseLocked();
    }

    private bool AppendLocked(TelemetryBatch batch)
    {
        _payload.ResetWrittenCount();
        _encoder.Encode(batch, _payload);
        var payload = _payload.WrittenSpan;
        long recordBytes = SpoolRecord.HeaderBytes + payload.Length;
        if (recordBytes > _options.MaxBytes || payload.Length > SpoolRecord.MaxPayloadBytes)
        {
            SpoolLog.BatchTooLarge(_logger, recordBytes, _options.MaxBytes);
            return false;
        }

        if (_diskBytes + recordBytes > _options.MaxBytes && !MakeRoomLocked(recordBytes))
        {
            return false;
        }

        if (_appendStream is not null && _segments[^1].Length > 0 && _segments[^1].Length + recordBytes > _options.SegmentBytes)
        {
            CloseAppendStream();
        }

        Span<byte> header = stackalloc byte[SpoolRecord.HeaderBytes];
        SpoolRecord.WriteHeader(header, payload);
        SpoolSegment? segment = null;
        try
        {
            segment = _appendStream is null ? StartSegmentLocked() : _segments[^1];
            _appendStream!.Write(header);
            _appendStream.Write(payload);
            _appendStream.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Part of the record may be on disk; close the segment so the next append starts a clean one.
            // Its good records are still replayed, and a restart's scan cuts the partial tail off.
            SpoolLog.AppendFailed(_logger, ex, segment?.Path ?? _options.Directory);
            CloseAppendStream();
            return false;
        }

        segment.Length += recordBytes;
        segment.Records++;
        _diskBytes += recordBytes;
        Interlocked.Add(ref _pendingBytes, recordBytes);
        Interlocked.Increment(ref _pendingRecords);
        _metrics.Appended();
        if (_fullLoggedAt is not null)
        {
            _fullLoggedAt = null;
            SpoolLog.RoomAgain(_logger, _diskBytes, _options.MaxBytes);
        }

        return true;
    }

    private bool MakeRoomLocked(long recordBytes)
    {
        if (_options.WhenFull == SpoolFullPolicy.StopAcknowledging)
        {
            // Loud but not a flood: once when an episode starts, then once a minute while it lasts.
            if (_fullLoggedAt is not { } loggedAt || _time.GetElapsedTime(loggedAt) >= FullLogInterval)
            {
                _fullLoggedAt = _time.GetTimestamp();
                SpoolLog.FullStopAcknowledging(_logger, _diskBytes, _options.MaxBytes, recordBytes);
            }

            return false;
        }

        while (_diskBytes + recordBytes > _options.MaxBytes && _segments.Count > 0)
        {
            var oldest = _segments[0];
            SpoolLog.DroppedOldest(_logger, oldest.Path, oldest.PendingRecords, oldest.PendingBytes);
            _metrics.Dropped(oldest.PendingRecords);
            RemoveOldestLocked();
        }

        return true;
    }

    private SpoolSegment StartSegmentLocked()
    {
        var path = Path.Combine(Path.GetFullPath(_options.Directory), SpoolSegment.FileName(_nextNumber));
        _appendStream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete);
        var segment = new SpoolSegment(_nextNumber++, path);
        _segments.Add(segment);
        return segment;
    }

    /// <summary>Reads and decodes the oldest pending record into the replay batch; skips (and reports) records that cannot be read.</summary>
    private (SpoolSegment? Segment, long Offset, int RecordBytes) ReadOldestLocked()
    {
        while (_segments.Count > 0)
        {
            var segment = _segments[0];
            if (segment.PendingRecords == 0)
            {
                RemoveOldestLocked();
                continue;
            }

            var offset = segment.ConsumedOffset;
            try
            {
                var payload = segment.ReadRecord(offset, ref _readBuffer);
                try
                {
                    _decoder.Decode(payload, _replayBatch);
                    return (segment, offset, SpoolRecord.HeaderBytes + payload.Length);
                }
                catch (InvalidDataException ex)
                {
                    // The frame is sound, only this record's content is not: skip just this one.
                    SpoolLog.Unreadable(_logger, segment.Path, offset, ex.Message, 1);
                    _metrics.Dropped(1);
                    ConsumeLocked(segment, offset, SpoolRecord.HeaderBytes + payload.Length);
                }
            }
            catch (InvalidDataException ex)
            {
                // The file changed under us since it was checked: nothing after this point can be framed.
                SpoolLog.Unreadable(_logger, segment.Path, offset, ex.Message, segment.PendingRecords);
                _metrics.Dropped(segment.PendingRecords);
                RemoveOldestLocked();
            }
        }

        return (null, 0, 0);
    }

    private void ConsumeLocked(SpoolSegment segment, long offset, int recordBytes)
    {
        // The segment may have been dropped (DropOldest) while its record was being written to the store.
        if (_segments.Count == 0 || _segments[0] != segment || segment.ConsumedOffset != offset)
        {
            return;
        }

        segment.ConsumedOffset += recordBytes;
        segment.ConsumedRecords++;
        Interlocked.Add(ref _pendingBytes, -recordBytes);
        Interlocked.Decrement(ref _pendingRecords);
        if (segment.PendingRecords == 0)
        {
            RemoveOldestLocked();
        }
    }

    /// <summary>Deletes the oldest segment, counting its unreplayed records out. If it is being appended to, the next append starts a new one.</summary>
    private void RemoveOldestLocked()
    {
        var oldest = _segments[0];
        if (_segments.Count == 1 && _appendStream is not null)
        {
            CloseAppendStream();
        }

        oldest.Dispose();
        File.Delete(oldest.Path);
        _segments.RemoveAt(0);
        _diskBytes -= oldest.Length;
        Interlocked.Add(ref _pendingBytes, -oldest.PendingBytes);
        Interlocked.Add(ref _pendingRecords, -oldest.PendingRecords);
    }

    private void CloseAppendStream()
    {
        _appendStream?.Dispose();
        _appendStream = null;
    }

    private void CloseLocked()
    {
        if (_disposed)
        {
            _mutex.Release();
            return;
        }

        _disposed = true;
        CloseAppendStream();
        foreach (var segment in _segments)
        {
            segment.Dispose();
        }

        _mutex.Release();
    }
}
