using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace ParkCommunity.Gateway.Broker;

public static class BrokerServiceCollectionExtensions
{
    /// <summary>
    /// The in-process broker: options from <c>Gateway:Broker</c> (validated at start), one <see cref="InProcessBroker"/>
    /// exposed as hosted service and as <see cref="MqttServer"/>. Needs the site registry, <see cref="Ingestion.IDeviceMessageSink"/>
    /// and <c>Gateway</c> options (for the topic prefix) registered too.
    /// </summary>
    public static IServiceCollection AddInProcessBroker(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<InProcessBrokerOptions>().BindConfiguration(InProcessBrokerOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InProcessBrokerOptions>, InProcessBrokerOptionsValidator>());
        services.TryAddSingleton<BrokerMetrics>();
        services.TryAddSingleton<InProcessBroker>();
        services.TryAddSingleton(sp => sp.GetRequiredService<InProcessBroker>().Server);
        services.AddHostedService(sp => sp.GetRequiredService<InProcessBroker>());
        return services;
    }
}
