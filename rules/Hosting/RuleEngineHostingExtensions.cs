using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkCommunity.CaseSystem.Configuration;
using ParkCommunity.Rules.Alarms.Configuration;
using ParkCommunity.Rules.Conditions;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Engine;
using ParkCommunity.Rules.Scheduling;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.Rules.Hosting;

public static class RuleEngineHostingExtensions
{
    /// <summary>
    /// The rule engine: rule files (<c>Rules</c>), the site registry, the telemetry store it reads
    /// (<c>TelemetryStore</c>), its alarms (<c>Rules:Alarms</c>), the case system it raises work orders in
    /// (<c>CaseSystem</c>, whose <c>CrewsPath</c> roster routes the work orders and whose SLAs a Quartz job watches), and the Quartz scheduler that fires every rule at its interval.
    /// Parts another component of the same host already added (registry, store, case system) are shared.
    /// </summary>
    public static IHostApplicationBuilder AddRuleEngine(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        var section = configuration.GetSection(RuleEngineOptions.Section);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RuleEngineOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuleEngineOptions>, RuleEngineOptionsValidator>());

        services.TryAddSingleton(sp => RegistryLoader.Load(sp.GetRequiredService<IOptions<RuleEngineOptions>>().Value.RegistryPath));
        services.AddTelemetryStore(configuration.GetSection("TelemetryStore"));
        services.AddCaseSystem(configuration.GetSection(CaseSystemOptions.Section));
        services.AddAlarms(section.GetSection("Alarms"));

        services.TryAddSingleton(sp => new RuleCatalog(
            sp.GetRequiredService<IOptions<RuleEngineOptions>>().Value.RulesDirectory,
            sp.GetRequiredService<ILogger<RuleCatalog>>(),
            sp.GetRequiredService<CommunityRegistry>()));
        services.TryAddSingleton<IRuleConditionEvaluator>(sp => new RuleConditionEvaluator(
            sp.GetRequiredService<ITelemetryReader>(), sp.GetRequiredService<CommunityRegistry>(),
            sp.GetRequiredService<ILogger<RuleConditionEvaluator>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IRuleRunner, RuleRunner>();
        services.TryAddSingleton<IRuleScheduleSource, CatalogScheduleSource>();
        services.TryAddSingleton<IRetiredRuleSweeper, RetiredRuleSweeper>();

        // Bound here as well as through IOptions: the Quartz set-up is decided while the services are registered.
        var options = section.Get<RuleEngineOptions>() ?? new RuleEngineOptions();
        services.AddRuleScheduler(options);
        services.AddHostedService<RuleEngineStartupCheck>();
        services.AddHostedService<RuleScheduleSynchronizer>();
        return builder;
    }
}
