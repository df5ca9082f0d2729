namespace ParkCommunity.CaseSystem.WorkOrders;

/// <summary>
/// Identifies one alarm of the rule engine: the rule and what it fired about (a device, a zone…), written
/// <c>ruleId/subject</c>. The subject may itself contain '/', so only the first '/' separates.
/// </summary>
public sealed record AlarmKey
{
    public const int MaxLength = 256;

    public AlarmKey(string ruleId, string subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        if (ruleId.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Alarm rule id '{ruleId}' must not contain '/'.", nameof(ruleId));
        }

        if (ruleId.Length + 1 + subject.Length > MaxLength)
        {
            throw new ArgumentException($"Alarm key '{ruleId}/{subject}' is longer than {MaxLength} characters.", nameof(subject));
        }

        RuleId = ruleId;
        Subject = subject;
    }

    public string RuleId { get; }

    public string Subject { get; }

    public static AlarmKey Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1)
        {
            throw new FormatException($"Alarm key '{value}' is not of the form 'ruleId/subject'.");
        }

        return new AlarmKey(value[..slash], value[(slash + 1)..]);
    }

    public override string ToString() => $"{RuleId}/{Subject}";
}
