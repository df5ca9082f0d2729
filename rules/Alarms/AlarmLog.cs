using Microsoft.Extensions.Logging;

namespace ParkCommunity.Rules.Alarms;

/// <summary>Alarm log messages; event ids 3000–3099.</summary>
internal static partial class AlarmLog
{
    [LoggerMessage(3000, LogLevel.Information, "Alarm {AlarmId} raised by rule {RuleId} for {Subject} ({Severity}): {Detail}")]
    public static partial void AlarmRaised(this ILogger logger, string alarmId, string ruleId, string subject, AlarmSeverity severity, string detail);

    [LoggerMessage(3001, LogLevel.Information, "Alarm {AlarmId} of rule {RuleId} for {Subject} cleared: {Detail}")]
    public static partial void AlarmCleared(this ILogger logger, string alarmId, string ruleId, string subject, string detail);

    [LoggerMessage(3002, LogLevel.Information,
        "Alarms of rule {RuleId} changed since they were loaded (another node or a restart): {Reason}; loading again (attempt {Attempt})")]
    public static partial void AlarmSaveConflict(this ILogger logger, string ruleId, string reason, int attempt);

    [LoggerMessage(3003, LogLevel.Information, "Alarm {AlarmId} of rule {RuleId} for {Subject} acknowledged by {By}")]
    public static partial void AlarmAcknowledged(this ILogger logger, string alarmId, string ruleId, string subject, string by);

    [LoggerMessage(3004, LogLevel.Information, "Alarm schema at version {Version} ({Applied} migrations applied)")]
    public static partial void AlarmSchemaReady(this ILogger logger, int version, int applied);

    [LoggerMessage(3005, LogLevel.Error,
        "The work order for alarm {AlarmId} of rule {RuleId} for {Subject} could not be handled; the next evaluation tries again")]
    public static partial void AlarmWorkOrderFailed(this ILogger logger, Exception exception, string alarmId, string ruleId, string subject);

    [LoggerMessage(3006, LogLevel.Information, "Cleared {Count} alarms of rule {RuleId} at once: {Reason}")]
    public static partial void AlarmsClearedAtOnce(this ILogger logger, int count, string ruleId, string reason);

    [LoggerMessage(3007, LogLevel.Information,
        "Alarm {AlarmId} of rule {RuleId} for {Subject} has no work order yet (raised by another node just now, or a crash or error " +
        "came between raise and work order); opening it now")]
    public static partial void AlarmWorkOrderCatchingUp(this ILogger logger, string alarmId, string ruleId, string subject);
}
