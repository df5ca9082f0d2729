namespace ParkCommunity.Rules.Alarms.Storage;

/// <summary>
/// The lower-case names stored for alarm enums. Spelled out rather than derived from member names so renaming a C#
/// member cannot silently change stored data.
/// </summary>
internal static class AlarmWireNames
{
    public static string Of(AlarmSeverity severity) => severity switch
    {
        AlarmSeverity.Info => "info",
        AlarmSeverity.Minor => "minor",
        AlarmSeverity.Major => "major",
        AlarmSeverity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "No stored name for this severity."),
    };

    public static AlarmSeverity ParseSeverity(string name) => name switch
    {
        "info" => AlarmSeverity.Info,
        "minor" => AlarmSeverity.Minor,
        "major" => AlarmSeverity.Major,
        "critical" => AlarmSeverity.Critical,
        _ => throw new FormatException($"'{name}' is not a known alarm severity (info, minor, major, critical)."),
    };

    public static string Of(AlarmStatus status) => status switch
    {
        AlarmStatus.Active => "active",
        AlarmStatus.Clearing => "clearing",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No stored name for this status."),
    };

    public static AlarmStatus ParseStatus(string name) => name switch
    {
        "active" => AlarmStatus.Active,
        "clearing" => AlarmStatus.Clearing,
        _ => throw new FormatException($"'{name}' is not a known alarm status (active, clearing)."),
    };

    public static string Of(AlarmHistoryKind kind) => kind switch
    {
        AlarmHistoryKind.Raised => "raised",
        AlarmHistoryKind.Acknowledged => "acknowledged",
        AlarmHistoryKind.Cleared => "cleared",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No stored name for this history kind."),
    };

    public static AlarmHistoryKind ParseHistoryKind(string name) => name switch
    {
        "raised" => AlarmHistoryKind.Raised,
        "acknowledged" => AlarmHistoryKind.Acknowledged,
        "cleared" => AlarmHistoryKind.Cleared,
        _ => throw new FormatException($"'{name}' is not a known alarm history kind (raised, acknowledged, cleared)."),
    };
}
