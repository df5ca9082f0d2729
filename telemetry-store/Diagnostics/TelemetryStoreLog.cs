using Microsoft.Extensions.Logging;

namespace ParkCommunity.TelemetryStore.Diagnostics;

/// <summary>Log messages of the telemetry store adapters; event ids 2000–2099.</summary>
internal static partial class TelemetryStoreLog
{
    [LoggerMessage(2000, LogLevel.Information, "Telemetry store {Backend} ready at {Location}")]
    public static partial void Ready(ILogger logger, string backend, string location);

    [LoggerMessage(2001, LogLevel.Warning, "Telemetry store {Backend} refused {Count} of {Total} points; first: {FirstReason}")]
    public static partial void PointsRejected(ILogger logger, string backend, int count, int total, string firstReason);

    [LoggerMessage(2002, LogLevel.Warning, "InfluxDB database {Database} answered {Status} to a write of {Points} points: {Error}")]
    public static partial void WriteRefused(ILogger logger, string database, int status, int points, string error);

    [LoggerMessage(2003, LogLevel.Information, "InfluxDB database {Database} was missing; created it")]
    public static partial void DatabaseCreated(ILogger logger, string database);

    [LoggerMessage(2004, LogLevel.Debug, "InfluxDB error could not be traced to single points; splitting {Points} points in halves to isolate them")]
    public static partial void Bisecting(ILogger logger, int points);
}
