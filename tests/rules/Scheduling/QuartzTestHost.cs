using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ParkCommunity.Rules.Hosting;
using ParkCommunity.Rules.Scheduling;
using ParkCommunity.TestSupport;
using Quartz;

namespace ParkCommunity.Rules.Tests.Scheduling;

/// <summary>The rule engine's real Quartz set-up (persistent SQLite job store in a folder) with a recording runner.</summary>
internal sealed class QuartzTestHost : IAsyncDisposable
{
    private QuartzTestHost(RecordingRuleRunner runner, IHost host)
    {
        Runner = runner;
        Host = host;
    }

    public RecordingRuleRunner Runner { get; }

    public IHost Host { get; }

    public static QuartzTestHost Create(TempDirectory folder) =>
        Create(new RuleEngineOptions { JobStoreSqlitePath = folder.File("schedule.db") });

    public static QuartzTestHost Create(RuleEngineOptions options)
    {
        var runner = new RecordingRuleRunner();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IRuleRunner>(runner);
        builder.Services.AddRuleScheduler(options);
        return new QuartzTestHost(runner, builder.Build());
    }

    public async Task<IScheduler> SchedulerAsync() => await Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
