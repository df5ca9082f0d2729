using ParkCommunity.ServiceHosting;
using Microsoft.Extensions.DependencyInjection;
using ParkCommunity.AllInOne;
using ParkCommunity.Gateway.Cli;
using ParkCommunity.Gateway.Hosting;
using ParkCommunity.Simulators.Hosting;

// The whole platform in one process on embedded defaults: the in-process MQTT broker, the gateway
// with its SQLite telemetry store, and simulated devices for the sample community.
var parse = GatewayCommandLine.Build().Parse(args);
var builder = GatewayCommandLine.CreateBuilder(parse);
builder.AddParkCommunityLogging();
builder.AddGateway();
builder.Services.AddDeviceSimulation(builder.Configuration.GetSection("Simulation"));
builder.Services.AddHostedService<StartupBanner>();
using var host = builder.Build();
return await HostRunner.RunAsync(host, CancellationToken.None).ConfigureAwait(false);
