using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ParkCommunity.CaseSystem.Sla;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Definitions;

namespace ParkCommunity.Rules.Hosting;

/// <summary>
/// Builds what the rule jobs will need before the scheduler fires anything, so a missing crew roster or an unreadable
/// rules folder stops start-up with its reason instead of failing every evaluation later.
/// </summary>
internal sealed class RuleEngineStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<RuleCatalog>();
        _ = services.GetRequiredService<AlarmTracker>();
        _ = services.GetRequiredService<SlaEscalator>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
