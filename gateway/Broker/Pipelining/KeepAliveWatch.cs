using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace ParkCommunity.Gateway.Broker.Pipelining;

/// <summary>
/// The broker's keep-alive check, in place of MQTTnet's (which cannot see pipelined publishes): a connection that sends
/// no packet for one and a half times its keep-alive is closed [MQTT-3.1.2-24] — after DISCONNECT 0x8D for MQTT 5 — and
/// the broker then treats it as any lost connection (its will is published).
/// </summary>
internal sealed class KeepAliveWatch(TimeSpan interval, TimeSpan communicationTimeout, TimeProvider time, ILogger logger) : IDisposable
{
    private readonly ConcurrentDictionary<PipelinedPublishAdapter, byte> _connections = new();
    private ITimer? _timer;

    public void Start() => _timer ??= time.CreateTimer(static self => ((KeepAliveWatch)self!).Check(), this, interval, interval);

    public void Watch(PipelinedPublishAdapter connection) => _connections.TryAdd(connection, 0);

    public void Forget(PipelinedPublishAdapter connection) => _connections.TryRemove(connection, out _);

    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private void Check()
    {
        foreach (var connection in _connections.Keys)
        {
            var keepAlive = connection.KeepAliveSeconds;
            if (keepAlive == 0)
            {
                continue;
            }

            var silent = time.GetElapsedTime(connection.LastPacketTimestamp);
            if (silent >= TimeSpan.FromSeconds(keepAlive * 1.5) && _connections.TryRemove(connection, out _))
            {
                BrokerLog.KeepAliveExpired(logger, connection.ClientId, silent.TotalSeconds, keepAlive);
                _ = CloseAsync(connection);
            }
        }
    }

    private async Task CloseAsync(PipelinedPublishAdapter connection)
    {
        if (connection.PacketFormatterAdapter.ProtocolVersion == MqttProtocolVersion.V500)
        {
            try
            {
                using var timeout = new CancellationTokenSource(communicationTimeout, time);
                await connection.SendPacketAsync(new MqttDisconnectPacket { ReasonCode = MqttDisconnectReasonCode.KeepAliveTimeout }, timeout.Token)
                    .ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The peer is silent, perhaps gone; closing is what matters.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        connection.Abort();
    }
}
