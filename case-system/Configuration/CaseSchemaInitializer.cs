using Microsoft.Extensions.Hosting;
using ParkCommunity.CaseSystem.Storage;

namespace ParkCommunity.CaseSystem.Configuration;

/// <summary>Creates or migrates the case schema when the host starts; a failure stops the host rather than surfacing later.</summary>
internal sealed class CaseSchemaInitializer(IWorkOrderStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
