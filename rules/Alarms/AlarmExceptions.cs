namespace ParkCommunity.Rules.Alarms;

/// <summary>
/// Someone else changed the rule's alarms since they were loaded (another engine node, or this one before a restart):
/// nothing of the save was written. Load again and re-apply.
/// </summary>
public sealed class AlarmConcurrencyException : InvalidOperationException
{
    public AlarmConcurrencyException(string ruleId, string subject, string what)
        : base($"Alarm of rule '{ruleId}' for subject '{subject}' {what}; it changed since it was loaded.")
    {
        RuleId = ruleId;
        Subject = subject;
    }

    public AlarmConcurrencyException() { }

    public AlarmConcurrencyException(string message) : base(message) { }

    public AlarmConcurrencyException(string message, Exception inner) : base(message, inner) { }

    public string RuleId { get; } = "";

    public string Subject { get; } = "";
}

/// <summary>No current alarm has this id (it never existed, or it has cleared).</summary>
public sealed class AlarmNotFoundException : KeyNotFoundException
{
    public AlarmNotFoundException() { }

    public AlarmNotFoundException(string message) : base(message) { }

    public AlarmNotFoundException(string message, Exception inner) : base(message, inner) { }

    public string AlarmId { get; private init; } = "";

    internal static AlarmNotFoundException For(string alarmId) =>
        new($"No current alarm has id '{alarmId}'; it may have cleared.") { AlarmId = alarmId };
}
