using Microsoft.Extensions.Hosting;

namespace ParkCommunity.TelemetryStore.Hosting;

/// <summary>
/// Prepares the store when the host starts, so a wrong path or an unreachable InfluxDB stops the service at
/// start with a message naming it, instead of surfacing as failed batches later.
/// </summary>
internal sealed class TelemetryStorePreparation(ITelemetryStoreLifecycle store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.PrepareAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
