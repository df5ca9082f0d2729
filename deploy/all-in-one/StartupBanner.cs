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
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => LogReady(logger, broker.Value.BindAddress, broker.Value.Port,
            Path.GetFullPath(gateway.Value.DataDirectory), broker.Value.Port));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = """
        ParkCommunity is running.
          MQTT broker     mqtt://{Address}:{Port}  (sample devices: user = device id, password = "demo-" + device id)
          data            {DataDirectory}  (telemetry.db, gateway.db)
          try             mosquitto_pub -h 127.0.0.1 -p {BrokerPort} -V mqttv5 -q 1 -i my-test -u light-n-001 -P demo-light-n-001 -t pc/tianfu-park/light/light-n-001/telemetry -m '{{"values":{{"power_w":41.5,"on":true}}}}'
          read back       dotnet run --project gateway -- latest --device light-n-001
          stop            Ctrl+C
        """)]
    private static partial void LogReady(ILogger logger, string address, int port, string dataDirectory, int brokerPort);
}
