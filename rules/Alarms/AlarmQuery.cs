namespace ParkCommunity.Rules.Alarms;

/// <summary>
/// Filters for current and cleared alarms (<see cref="Storage.IAlarmStore.ListCurrentAsync"/>,
/// <see cref="Storage.IAlarmStore.ListClearedAsync"/>); unset filters match everything.
/// </summary>
public sealed record AlarmQuery
{
    public const int MaxTake = 500;

    public string? Site { get; init; }

    public string? Grid { get; init; }

    public string? Zone { get; init; }

    public string? RuleId { get; init; }

    /// <summary>One subject (a device id, a zone…), across rules.</summary>
    public string? Subject { get; init; }

    /// <summary>Only these severities; null or empty for all.</summary>
    public IReadOnlySet<AlarmSeverity>? Severities { get; init; }

    /// <summary>True for acknowledged alarms only, false for unacknowledged only.</summary>
    public bool? Acknowledged { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 100;

    internal void Validate()
    {
        if (Skip < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Skip), Skip, "Skip must not be negative.");
        }

        if (Take is < 1 or > MaxTake)
        {
            throw new ArgumentOutOfRangeException(nameof(Take), Take, $"Take must be between 1 and {MaxTake}.");
        }
    }
}
