using System.Diagnostics.Metrics;
using ParkCommunity.Rules.Alarms.Storage;

namespace ParkCommunity.Rules.Alarms;

/// <summary>Alarm counters on meter <see cref="MeterName"/>, tagged with the rule and severity.</summary>
public sealed class AlarmMetrics
{
    public const string MeterName = "ParkCommunity.Rules";

    private readonly Counter<long> _raised;
    private readonly Counter<long> _cleared;

    public AlarmMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _raised = meter.CreateCounter<long>("pc.alarms.raised", "{alarm}", "Alarms raised, by rule and severity.");
        _cleared = meter.CreateCounter<long>("pc.alarms.cleared", "{alarm}", "Alarms cleared, by rule and severity.");
    }

    internal void Raised(Alarm alarm) =>
        _raised.Add(1, new("rule", alarm.RuleId), new("severity", AlarmWireNames.Of(alarm.Severity)));

    internal void Cleared(Alarm alarm) =>
        _cleared.Add(1, new("rule", alarm.RuleId), new("severity", AlarmWireNames.Of(alarm.Severity)));
}
