using ParkCommunity.SiteRegistry;

namespace ParkCommunity.DashboardApi.Registry;

/// <summary>Loads the site registry when the host starts, so a broken file stops the service with its problems listed.</summary>
internal sealed class RegistryPreload(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<CommunityRegistry>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
