using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ParkCommunity.Gateway.Broker;
using ParkCommunity.DashboardApi.Hosting;
using ParkCommunity.Gateway.Hosting;
using ParkCommunity.Rules.Hosting;
using ParkCommunity.ServiceHosting;
using ParkCommunity.Simulators.Hosting;

namespace ParkCommunity.AllInOne;

/// <summary>
/// The whole platform in one process on embedded defaults: the in-process MQTT broker and the gateway, the rule engine,
/// the dashboard (API and web) and simulated devices for the sample community. Every part is the one its own service
/// runs; registry, telemetry store and case system are shared rather than opened twice.
/// </summary>
public static class AllInOneHost
{
    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            // The all-in-one run is the embedded demo, with its documented demo accounts; production (which refuses
            // demo passwords) runs each service on its own, or sets DOTNET_ENVIRONMENT=Production here.
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Development,
        });
        builder.Configuration.AddEnvironmentVariables("PC_");
        configure?.Invoke(builder.Configuration);
        builder.AddParkCommunityLogging();
        builder.AddGateway();
        builder.AddRuleEngine();
        builder.AddDashboardApi();
        builder.Services.AddDeviceSimulation(builder.Configuration.GetSection("Simulation"));
        // The simulated devices talk to this process's broker, wherever it was told to listen.
        builder.Services.AddOptions<SimulationOptions>().PostConfigure<IOptions<InProcessBrokerOptions>>((simulation, broker) =>
        {
            simulation.BrokerHost = broker.Value.BindAddress;
            simulation.BrokerPort = broker.Value.Port;
        });
        builder.Services.AddHostedService<StartupBanner>();
        var app = builder.Build();
        app.MapDashboardApi();
        return app;
    }
}
