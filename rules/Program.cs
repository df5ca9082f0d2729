using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ParkCommunity.Rules.Hosting;
using ParkCommunity.ServiceHosting;

// The rule engine on its own: reads the telemetry store, keeps alarms, raises work orders. Settings come from
// appsettings.json beside the binary, PC_-prefixed environment variables and --Section:Key=value arguments.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddEnvironmentVariables("PC_");
builder.AddParkCommunityLogging();
builder.AddRuleEngine();
using var host = builder.Build();
return await HostRunner.RunAsync(host, CancellationToken.None).ConfigureAwait(false);
