using ParkCommunity.ServiceHosting;
using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ParkCommunity.Gateway.Hosting;

namespace ParkCommunity.Gateway.Cli;

/// <summary>
/// <c>ParkCommunity.Gateway [run]</c> runs the gateway; the other commands read what a running (or
/// stopped) gateway stored, using the same configuration. Settings can be given as
/// <c>--Section:Key=value</c> after the command, e.g. <c>--Gateway:BrokerMode=External</c>.
/// </summary>
public static class GatewayCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("ParkCommunity MQTT gateway: ingests device telemetry into the telemetry store.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var run = new Command("run", "Run the gateway (the default when no command is given).") { TreatUnmatchedTokensAsErrors = false };
        run.SetAction((parse, ct) => RunAsync(parse, ct));
        root.SetAction((parse, ct) => RunAsync(parse, ct));
        root.Subcommands.Add(run);
        root.Subcommands.Add(StoredDataCommands.Latest());
        root.Subcommands.Add(StoredDataCommands.Count());
        root.Subcommands.Add(StoredDataCommands.DeadLetters());
        root.Subcommands.Add(StoredDataCommands.Devices());
        root.Subcommands.Add(MosquittoConfigCommand.Build());
        return root;
    }

    /// <summary>A host builder with the gateway's configuration files, environment (PC_ prefix) and command-line settings.</summary>
    public static HostApplicationBuilder CreateBuilder(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. parse.UnmatchedTokens],
            // appsettings.json travels with the binary; data paths stay relative to where you run it.
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        builder.Configuration.AddEnvironmentVariables("PC_");
        return builder;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var builder = CreateBuilder(parse);
        builder.AddParkCommunityLogging();
        builder.AddGateway();
        using var host = builder.Build();
        return await HostRunner.RunAsync(host, cancellationToken).ConfigureAwait(false);
    }
}
