using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Definitions;

namespace ParkCommunity.Rules.Tests.Support;

/// <summary>Rule definitions for condition tests, built directly so each test shows only what it is about.</summary>
internal static class TestRules
{
    public static RuleDefinition With(
        RuleCondition condition, string? kind = null, ActiveSchedule? active = null, bool enabled = true, IReadOnlyList<string>? devices = null) =>
        new("test-rule", "Test rule", enabled, RuleSelector.Everything with { Kind = kind, Devices = devices ?? [] }, condition,
            TimeSpan.FromMinutes(1), active, AlarmSeverity.Major, TimeSpan.Zero, null, "test.yaml", 1);

    public static FieldComparison Compare(string text) =>
        FieldComparison.TryParse(text, out var comparison, out var error) ? comparison! : throw new ArgumentException(error, nameof(text));

    public static TimeSpan Minutes(double minutes) => TimeSpan.FromMinutes(minutes);

    public static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);
}
