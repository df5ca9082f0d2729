using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ParkCommunity.Simulators.Hosting;

public static class SimulationServiceCollectionExtensions
{
    /// <summary>
    /// Simulated devices of the site registry as a hosted service, configured from
    /// <paramref name="section"/> (usually <c>Simulation</c>, see <see cref="SimulationOptions"/>) and
    /// validated on start. Register it after the broker so the broker is up when devices connect.
    /// </summary>
    public static IServiceCollection AddDeviceSimulation(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        AddCore(services).Bind(section);
        return services;
    }

    /// <summary>The same, with options set in code (the command line builds them from its arguments).</summary>
    public static IServiceCollection AddDeviceSimulation(this IServiceCollection services, Action<SimulationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(services).Configure(configure);
        return services;
    }

    private static OptionsBuilder<SimulationOptions> AddCore(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulationOptions>, SimulationOptionsValidator>());
        services.TryAddSingleton<SimulationMetrics>();
        services.AddHostedService<DeviceSimulationService>();
        return services.AddOptions<SimulationOptions>().ValidateOnStart();
    }
}
