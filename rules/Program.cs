using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;
using ParkCommunity.Rules.Hosting;
using ParkCommunity.ServiceHosting;

namespace ParkCommunity.Rules;

/// <summary>
/// The rule engine on its own: reads the telemetry store, keeps alarms, raises work orders. Settings come from
/// appsettings.json beside the binary, PC_-prefixed environment variables and --Section:Key=value arguments.
/// A named class rather than top-level statements: those would make a public <c>Program</c> (the ASP.NET Core
/// framework the case system brings generates one), which clashes with the dashboard's in hosts that load both.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // The embedded default: the sample community's crew roster routes the work orders. First among the sources, so
        // every other one overrides it. Not in appsettings.json: that file also lands in the output of every project
        // referencing this one (the dashboard, the all-in-one host), where a relative roster path would be wrong.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new("CaseSystem:CrewsPath", "deploy/sample-community/crews.yaml")],
        });
        builder.Configuration.AddEnvironmentVariables("PC_");
        builder.AddParkCommunityLogging();
        builder.AddRuleEngine();
        using var host = builder.Build();
        return await HostRunner.RunAsync(host, CancellationToken.None).ConfigureAwait(false);
    }
}
