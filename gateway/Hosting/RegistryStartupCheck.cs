using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Gateway.Hosting;

/// <summary>Loads the registry at start (so a broken file stops the gateway with file and line) and warns loudly about demo secrets.</summary>
internal sealed partial class RegistryStartupCheck(CommunityRegistry registry, ILogger<RegistryStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogLoaded(logger, registry.SourcePath, registry.Sites.Count, registry.Devices.Count);
        if (registry.DemoSecretDevices > 0)
        {
            LogDemoSecrets(logger, registry.DemoSecretDevices, registry.Devices.Count, registry.SourcePath);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Site registry {Path}: {Sites} sites, {Devices} devices")]
    private static partial void LogLoaded(ILogger logger, string path, int sites, int devices);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning,
        Message = "!!! DEMO SECRETS: {Count} of {Total} devices in {Path} use the public demo rule (password = \"demo-\" + device id). " +
                  "Anyone can publish as these devices. Never expose this broker beyond your machine; issue real secrets for production. !!!")]
    private static partial void LogDemoSecrets(ILogger logger, int count, int total, string path);
}
