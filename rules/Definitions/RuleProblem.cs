namespace ParkCommunity.Rules.Definitions;

/// <summary>
/// One thing wrong in a rule or calendars file: where (file, 1-based line and column), which rule (when known), which
/// field (dotted path such as <c>threshold.for</c>), and what is wrong — so a person can fix it without guessing.
/// </summary>
public sealed record RuleProblem(string File, int Line, int Column, string? RuleId, string? Field, string Message)
{
    public override string ToString()
    {
        var rule = RuleId is null ? "" : $"rule \"{RuleId}\": ";
        var field = Field is null ? "" : $"{Field}: ";
        return $"{File}:{Line}:{Column}: {rule}{field}{Message}";
    }
}

/// <summary>A rule or calendars file that cannot be used; <see cref="Exception.Message"/> lists every problem.</summary>
public sealed class RuleFileException : Exception
{
    public RuleFileException(IReadOnlyList<RuleProblem> problems)
        : base($"{problems.Count} problem(s) in rule files:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
    {
        Problems = problems;
    }

    public RuleFileException() : base("The rule files cannot be used.") => Problems = [];

    public RuleFileException(string message) : base(message) => Problems = [];

    public RuleFileException(string message, Exception innerException) : base(message, innerException) => Problems = [];

    public IReadOnlyList<RuleProblem> Problems { get; }
}
