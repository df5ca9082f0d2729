using Microsoft.Extensions.Options;

namespace ParkCommunity.DashboardApi.Rules;

/// <summary>
/// What the dashboard reads of section <c>Rules</c> (the rule engine's): where the rule files are. The same key, so a
/// host running both reads one folder.
/// </summary>
internal sealed class DashboardRulesOptions
{
    public const string Section = "Rules";

    public string RulesDirectory { get; set; } = "deploy/sample-community/rules";
}

internal sealed class DashboardRulesOptionsValidator : IValidateOptions<DashboardRulesOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardRulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.RulesDirectory)
            ? ValidateOptionsResult.Fail($"{DashboardRulesOptions.Section}:{nameof(options.RulesDirectory)} must name the folder of rule files.")
            : ValidateOptionsResult.Success;
    }
}
