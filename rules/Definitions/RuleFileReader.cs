using System.Text.RegularExpressions;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Calendars;
using ParkCommunity.Rules.WorkOrders;
using ParkCommunity.SiteRegistry;
using Quartz;
using YamlDotNet.RepresentationModel;

namespace ParkCommunity.Rules.Definitions;

/// <summary>
/// Reads one rule file (format: docs/rules.md) into rule definitions, collecting every problem with file, line, column,
/// rule id and field. When a registry is given, selectors are checked against it (unknown site, grid, zone, device or
/// kind, or a selector that selects nothing), because a typo there would otherwise silently watch nothing.
/// </summary>
internal static partial class RuleFileReader
{
    private static readonly string[] RuleKeys =
        ["id", "name", "enabled", "select", "every", "active", "severity", "clearAfter", "workOrder", .. ConditionReader.Kinds];

    // Spelled out rather than derived from member names or order, so changing the enum cannot change what files mean.
    private static readonly Dictionary<string, AlarmSeverity> Severities = new(StringComparer.Ordinal)
    {
        ["info"] = AlarmSeverity.Info,
        ["minor"] = AlarmSeverity.Minor,
        ["major"] = AlarmSeverity.Major,
        ["critical"] = AlarmSeverity.Critical,
    };

    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    public static (IReadOnlyList<RuleDefinition> Rules, IReadOnlyList<RuleProblem> Problems) Read(
        string yaml, string file, RuleCalendars calendars, CommunityRegistry? registry)
    {
        var walker = new YamlWalker(file);
        var rules = new List<RuleDefinition>();
        var root = walker.Parse(yaml);
        var map = root is null ? null : walker.Map(root, null, ["rules"], ["rules"]);
        if (map is not null && map.TryGetValue("rules", out var list))
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var node in walker.Sequence(list, "rules"))
            {
                var rule = ReadRule(walker, node, calendars, registry);
                if (rule is not null && !seen.TryAdd(rule.Id, rule.SourceLine))
                {
                    walker.Problem(node, "id", $"is used twice in this file (first at line {seen[rule.Id]})");
                }
                else if (rule is not null)
                {
                    rules.Add(rule);
                }

                walker.RuleId = null;
            }
        }

        return (rules, walker.ProblemsInFileOrder);
    }

    private static RuleDefinition? ReadRule(YamlWalker walker, YamlNode node, RuleCalendars calendars, CommunityRegistry? registry)
    {
        // Name the rule in problems found before its id is read, too.
        if (node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("id"), out var idValue) && idValue is YamlScalarNode { Value: { } idText })
        {
            walker.RuleId = idText;
        }

        var before = walker.Problems.Count;
        var map = walker.Map(node, null, RuleKeys, ["id", "name"]);
        if (map is null)
        {
            return null;
        }

        var id = map.TryGetValue("id", out var idNode) ? walker.Text(idNode, "id") : null;
        if (id is not null && !IsValidId(id))
        {
            walker.Problem(idNode!, "id", $"\"{id}\" must match [a-z0-9-]{{1,64}} (lower case letters, digits, dashes)");
        }

        var name = map.TryGetValue("name", out var nameNode) ? walker.Text(nameNode, "name") : null;
        var enabled = map.TryGetValue("enabled", out var enabledNode) ? walker.Bool(enabledNode, "enabled") : true;
        var every = map.TryGetValue("every", out var everyNode) ? walker.Duration(everyNode, "every", TimeSpan.FromSeconds(1)) : TimeSpan.FromMinutes(1);
        var clearAfter = map.TryGetValue("clearAfter", out var clearNode) ? walker.Duration(clearNode, "clearAfter", TimeSpan.Zero) : TimeSpan.Zero;
        var severity = map.TryGetValue("severity", out var severityNode) ? Severity(walker, severityNode) : AlarmSeverity.Major;
        var selector = map.TryGetValue("select", out var selectNode) ? SelectorReader.Read(walker, selectNode, registry) : SelectorReader.Check(walker, node, RuleSelector.Everything, registry);
        var active = map.TryGetValue("active", out var activeNode) ? Active(walker, activeNode, calendars) : null;
        var workOrder = map.TryGetValue("workOrder", out var workOrderNode) ? WorkOrder(walker, workOrderNode) : null;

        var conditionKeys = ConditionReader.Kinds.Where(map.ContainsKey).ToList();
        RuleCondition? condition = null;
        if (conditionKeys.Count != 1)
        {
            walker.Problem(node, "condition", conditionKeys.Count == 0
                ? $"a rule needs exactly one condition: {string.Join(", ", ConditionReader.Kinds)}"
                : $"a rule has exactly one condition, this one has {string.Join(" and ", conditionKeys)}");
        }
        else
        {
            // With a broken every, the condition is still read (against the default) so its own problems are reported too.
            condition = ConditionReader.Read(walker, conditionKeys[0], map[conditionKeys[0]], every ?? TimeSpan.FromMinutes(1));
        }

        if (walker.Problems.Count > before || id is null || name is null || enabled is null || every is null || clearAfter is null
            || severity is null || selector is null || condition is null || (activeNode is not null && active is null)
            || (workOrderNode is not null && workOrder is null))
        {
            return null;
        }

        return new RuleDefinition(id, name, enabled.Value, selector, condition, every.Value, active, severity.Value, clearAfter.Value,
            workOrder, walker.File, (int)node.Start.Line);
    }

    private static AlarmSeverity? Severity(YamlWalker walker, YamlNode node)
    {
        var text = walker.Text(node, "severity");
        if (text is not null && Severities.TryGetValue(text, out var severity))
        {
            return severity;
        }

        if (text is not null)
        {
            walker.Problem(node, "severity", $"\"{text}\" is not one of {string.Join(", ", Severities.Keys)}");
        }

        return null;
    }

    private static ActiveSchedule? Active(YamlWalker walker, YamlNode node, RuleCalendars calendars)
    {
        var map = walker.Map(node, "active", ["cron", "exceptCalendar"], []);
        if (map is null)
        {
            return null;
        }

        if (map.Count == 0)
        {
            walker.Problem(node, "active", "needs cron, exceptCalendar or both");
            return null;
        }

        string? cron = null;
        var ok = true;
        if (map.TryGetValue("cron", out var cronNode) && walker.Text(cronNode, "active.cron") is { } text)
        {
            var error = CronError(text);
            if (error is null)
            {
                cron = text;
            }
            else
            {
                walker.Problem(cronNode, "active.cron", error);
                ok = false;
            }
        }

        RuleCalendar? calendar = null;
        if (map.TryGetValue("exceptCalendar", out var calendarNode) && walker.Text(calendarNode, "active.exceptCalendar") is { } calendarName
            && !calendars.ByName.TryGetValue(calendarName, out calendar))
        {
            walker.Problem(calendarNode, "active.exceptCalendar", calendars.ByName.Count == 0
                ? $"calendar \"{calendarName}\" is not defined: there is no {CalendarFileReader.FileName} beside the rule files, or it defines none"
                : $"calendar \"{calendarName}\" is not defined in {CalendarFileReader.FileName} (defined: {string.Join(", ", calendars.ByName.Keys)})");
            ok = false;
        }

        return ok ? new ActiveSchedule(cron, calendar) : null;
    }

    /// <summary>
    /// A Quartz cron expression whose seconds field is 0 or *: the rule is active during each minute it matches, so a
    /// seconds field that picks other seconds would make the rule active at instants no evaluation lands on.
    /// </summary>
    private static string? CronError(string text)
    {
        try
        {
            _ = CronExpression.Parse(text);
        }
        catch (FormatException e)
        {
            return $"\"{text}\" is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. \"0 * 18-23,0-6 ? * *\"): {e.Message}";
        }

        var seconds = text.TrimStart().Split(' ', 2)[0];
        return seconds is "0" or "*" ? null : $"\"{text}\": the seconds field must be 0 or * (the schedule is judged per minute)";
    }

    private static WorkOrderTemplate? WorkOrder(YamlWalker walker, YamlNode node)
    {
        var map = walker.Map(node, "workOrder", ["title", "category", "priority", "slaHours"], ["title", "category", "priority"]);
        if (map is null)
        {
            return null;
        }

        var title = map.TryGetValue("title", out var titleNode) ? walker.Text(titleNode, "workOrder.title") : null;
        foreach (var unknown in title is null ? [] : TitleTemplate.Unknown(title))
        {
            walker.Problem(titleNode!, "workOrder.title", $"unknown placeholder {{{unknown}}} (known: {string.Join(", ", TitleTemplate.Placeholders.Select(p => "{" + p + "}"))})");
        }

        WorkOrderCategory? category = null;
        if (map.TryGetValue("category", out var categoryNode) && walker.Text(categoryNode, "workOrder.category") is { } categoryText)
        {
            if (WireNames.TryParse(categoryText, out WorkOrderCategory parsed))
            {
                category = parsed;
            }
            else
            {
                walker.Problem(categoryNode, "workOrder.category", $"\"{categoryText}\" is not one of {string.Join(", ", WireNames.AllCategories)}");
            }
        }

        WorkOrderPriority? priority = null;
        if (map.TryGetValue("priority", out var priorityNode) && walker.Text(priorityNode, "workOrder.priority") is { } priorityText)
        {
            if (WireNames.TryParse(priorityText, out WorkOrderPriority parsed))
            {
                priority = parsed;
            }
            else
            {
                walker.Problem(priorityNode, "workOrder.priority", $"\"{priorityText}\" is not one of P1, P2, P3, P4");
            }
        }

        TimeSpan? sla = null;
        if (map.TryGetValue("slaHours", out var slaNode) && walker.Number(slaNode, "workOrder.slaHours") is { } hours)
        {
            if (hours is > 0 and <= 24 * 365)
            {
                sla = TimeSpan.FromHours(hours);
            }
            else
            {
                walker.Problem(slaNode, "workOrder.slaHours", $"{hours} must be more than 0 and at most a year of hours");
            }
        }

        return title is not null && category is not null && priority is not null && (slaNode is null || sla is not null)
            ? new WorkOrderTemplate(TitleTemplate.Normalize(title), category.Value, priority.Value, sla)
            : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
