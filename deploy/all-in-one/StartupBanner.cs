using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkCommunity.Gateway.Broker;
using ParkCommunity.Gateway.Hosting;

namespace ParkCommunity.AllInOne;

/// <summary>Tells a newcomer, once everything has started, where the platform is and how to talk to it.</summary>
internal sealed partial class StartupBanner(
    IOptions<InProcessBrokerOptions> broker,
    IOptions<GatewayOptions> gateway,
    IHostApplicationLifetime lifetime,
    IServer server,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => LogReady(logger, DashboardUrl(), broker.Value.BindAddress, broker.Value.Port,
            Path.GetFullPath(gateway.Value.DataDirectory), broker.Value.Port));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The address Kestrel actually listens on (the configured one, or the port it picked for :0).</summary>
    private string DashboardUrl() =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "(no HTTP address)";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = """
        ParkCommunity is running.
          dashboard       {DashboardUrl}  (sign in as manager / manager-demo; other demo accounts in README.md)
          API reference   {DashboardUrl}/scalar
          MQTT broker     mqtt://{Address}:{Port}  (sample devices: user = device id, password = "demo-" + device id)
          data            {DataDirectory}  (telemetry, gateway, rules, alarms, cases, dashboard databases)
          try             mosquitto_pub -h 127.0.0.1 -p {BrokerPort} -V mqttv5 -q 1 -i my-test -u light-n-001 -P demo-light-n-001 -t pc/tianfu-park/light/light-n-001/telemetry -m '{{"values":{{"power_w":41.5,"on":true}}}}'
          read back       dotnet run --project gateway -- latest --device light-n-001
          stop            Ctrl+C
        """)]
    private static partial void LogReady(ILogger logger, string dashboardUrl, string address, int port, string dataDirectory, int brokerPort);
}
