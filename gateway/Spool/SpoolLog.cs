using Microsoft.Extensions.Logging;

namespace ParkCommunity.Gateway.Spool;

/// <summary>The spool's log lines, event ids 1600–1699.</summary>
internal static partial class SpoolLog
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Information,
        Message = "Spool {Directory} holds {Records} batches ({Bytes} bytes) from before; they will be replayed")]
    public static partial void Recovered(ILogger logger, string directory, long records, long bytes);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning,
        Message = "Spool segment {Segment} has a torn record at offset {Offset} ({Reason}); cut off {Discarded} bytes, the records before it are kept")]
    public static partial void TornRecord(ILogger logger, string segment, long offset, string reason, long discarded);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Error,
        Message = "Spool full: {DiskBytes} of {MaxBytes} bytes used, a batch of {RecordBytes} bytes does not fit; messages stay unacknowledged and the broker holds the backlog")]
    public static partial void FullStopAcknowledging(ILogger logger, long diskBytes, long maxBytes, long recordBytes);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information, Message = "Spool has room again ({DiskBytes} of {MaxBytes} bytes used); spooling resumes")]
    public static partial void RoomAgain(ILogger logger, long diskBytes, long maxBytes);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Error,
        Message = "Spool full: dropped the oldest segment {Segment} with {Records} unreplayed batches ({Bytes} bytes) to make room")]
    public static partial void DroppedOldest(ILogger logger, string segment, long records, long bytes);

    [LoggerMessage(EventId = 1605, Level = LogLevel.Error,
        Message = "A batch of {RecordBytes} bytes is larger than the whole spool (Gateway:Spool:MaxBytes {MaxBytes}); it cannot be spooled")]
    public static partial void BatchTooLarge(ILogger logger, long recordBytes, long maxBytes);

    [LoggerMessage(EventId = 1606, Level = LogLevel.Error,
        Message = "Spool segment {Segment} has an unreadable record at offset {Offset} ({Reason}); skipped {Records} batches")]
    public static partial void Unreadable(ILogger logger, string segment, long offset, string reason, long records);

    [LoggerMessage(EventId = 1607, Level = LogLevel.Error, Message = "Could not append to spool segment {Segment}; the batch stays unacknowledged")]
    public static partial void AppendFailed(ILogger logger, Exception exception, string segment);
}
