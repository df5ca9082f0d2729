namespace ParkCommunity.Rules.Alarms;

/// <summary>
/// What one evaluation of a rule found about one subject (a device, a zone, a grid…): whether the rule's condition
/// holds for it at <see cref="At"/>, and a short human-readable account of why (values, durations). The condition
/// evaluators produce these; the alarm state machine turns them into raised and cleared alarms.
/// </summary>
public sealed record SubjectObservation(string Subject, SubjectLocation Location, bool ConditionHolds, DateTimeOffset At, string Detail);

/// <summary>Where a subject is: always the site; grid, zone, device and kind as far as the subject is that specific.</summary>
public sealed record SubjectLocation(string Site, string? Grid = null, string? Zone = null, string? Device = null, string? Kind = null);
