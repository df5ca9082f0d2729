using System.Text.RegularExpressions;

namespace ParkCommunity.Rules.Definitions;

/// <summary>
/// The placeholders a work-order title may hold, e.g. <c>Lamp {device} dark in {zone}</c>. The alarm bridge
/// (rules/WorkOrders/WorkOrderTemplate) fills them in when the alarm is raised: {rule} (the rule's name), {subject},
/// {detail} (what the evaluation observed), {severity}, {site}, {grid}, {zone}, {device}, {kind}. {value} is accepted as
/// another name for {detail} and written as {detail} at load, so the bridge needs to know only one of them.
/// </summary>
public static partial class TitleTemplate
{
    public static IReadOnlyList<string> Placeholders { get; } = ["rule", "subject", "detail", "value", "severity", "site", "grid", "zone", "device", "kind"];

    /// <summary>The placeholders in <paramref name="title"/> that are not known, for the rule file reader to refuse.</summary>
    public static IEnumerable<string> Unknown(string title) =>
        Placeholder().Matches(title ?? "").Select(m => m.Groups[1].Value).Where(p => !Placeholders.Contains(p)).Distinct();

    /// <summary>The title as the bridge renders it: {value} written as {detail}.</summary>
    public static string Normalize(string title) => (title ?? "").Replace("{value}", "{detail}", StringComparison.Ordinal);

    [GeneratedRegex(@"\{([A-Za-z_]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
