using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ParkCommunity.Gateway.Broker;
using ParkCommunity.Gateway.Hosting;
using ParkCommunity.Gateway.Ingestion;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.EndToEnd;

/// <summary>
/// Ceiling (b): the gateway's in-process broker exactly as the gateway hosts it — same listener, framing guard,
/// authentication, ACL and options — but with a sink that takes every message at once, so a PUBACK costs only the broker.
/// Runs until stopped (Ctrl+C / SIGTERM); point the load tool at it.
/// </summary>
internal static class BrokerCeiling
{
    public static async Task<int> RunAsync(string registryPath, int port, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration[$"{InProcessBrokerOptions.Section}:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sink = new NoOpSink();
        builder.Services.AddSingleton(RegistryLoader.Load(registryPath));
        builder.Services.AddSingleton(Options.Create(new GatewayOptions()));
        builder.Services.AddSingleton<IDeviceMessageSink>(sink);
        builder.Services.AddInProcessBroker();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"broker ceiling: {sink.Accepted} device messages accepted").ConfigureAwait(false);
        return 0;
    }
}
