using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using ParkCommunity.Gateway.Broker.Pipelining;

namespace ParkCommunity.Gateway.Broker.Framing;

/// <summary>
/// The broker's TCP listener, in place of MQTTnet's own: the same channel adapter per connection, but with a
/// <see cref="PacketGuardChannel"/> under it, so the packet size limit holds before MQTTnet allocates a body, and a
/// <see cref="PipelinedPublishAdapter"/> over it, so device publishes do not wait for each other.
/// </summary>
internal sealed class GuardedTcpServerAdapter(
    IPEndPoint endpoint, int maxPacketSize, DevicePublishPipeline pipeline, KeepAliveWatch keepAlive, TimeProvider time, BrokerMetrics metrics, ILogger logger)
    : IMqttServerAdapter
{
    private Socket? _listener;
    private CancellationTokenSource? _stopping;
    private Task _acceptLoop = Task.CompletedTask;
    private MqttServerOptions? _options;
    private IMqttNetLogger _mqttLogger = MqttNetNullLogger.Instance;

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    /// <summary>Where the listener is bound, with the actual port when 0 was configured; null before start.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        _options = options;
        _mqttLogger = logger;
        var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(endpoint);
            listener.Listen(options.DefaultEndpointOptions.ConnectionBacklog);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _stopping = new CancellationTokenSource();
        _acceptLoop = AcceptLoopAsync(listener, _stopping.Token);
        keepAlive.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        keepAlive.Dispose();
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        _stopping.Dispose();
        _stopping = null;
        _listener = null;
    }

    public void Dispose()
    {
        keepAlive.Dispose();
        _stopping?.Cancel();
        _listener?.Dispose();
        _stopping?.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException
                                       || (ex is SocketException && stopping.IsCancellationRequested))
            {
                return;
            }
            catch (SocketException)
            {
                // A connection reset before it was accepted; the next one is unaffected.
                continue;
            }

            _ = Task.Run(() => HandleClientAsync(client), CancellationToken.None);
        }
    }

    private async Task HandleClientAsync(Socket socket)
    {
        var remote = socket.RemoteEndPoint;
        try
        {
            socket.NoDelay = true;
            var stream = new NetworkStream(socket, ownsSocket: true);
            var tcp = new MqttTcpChannel(stream, socket.LocalEndPoint, remote, null);
            var guard = new PacketGuardChannel(tcp, maxPacketSize);
            var writer = new MqttBufferWriter(_options!.WriterBufferSize, _options.WriterBufferSizeMax);
            using var mqttNetAdapter = new MqttChannelAdapter(guard, new MqttPacketFormatterAdapter(writer), _mqttLogger)
            {
                AllowPacketFragmentation = _options.DefaultEndpointOptions.AllowPacketFragmentation,
            };
            var adapter = new PipelinedPublishAdapter(mqttNetAdapter, guard, pipeline, time);
            guard.RejectedAsync = (result, declared) => RejectAsync(mqttNetAdapter, guard, result, declared, remote);
            keepAlive.Watch(adapter);
            try
            {
                if (ClientHandler is { } handler)
                {
                    await handler(adapter).ConfigureAwait(false);
                }
            }
            finally
            {
                keepAlive.Forget(adapter);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer went away mid-handshake: nothing to report beyond MQTTnet's own connection logging.
        }
#pragma warning disable CA1031 // One client's failure must never end the accept loop or the process.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            BrokerLog.ConnectionError(logger, ex, remote?.ToString());
        }
        finally
        {
            socket.Dispose();
        }
    }

    private async Task RejectAsync(MqttChannelAdapter adapter, PacketGuardChannel guard, ScanResult result, long declared, EndPoint? remote)
    {
        if (result == ScanResult.TooLarge)
        {
            metrics.OversizePacket();
            BrokerLog.PacketTooLarge(logger, remote?.ToString(), declared, maxPacketSize);
        }
        else
        {
            metrics.ProtocolViolation("malformed_length");
            BrokerLog.MalformedHeader(logger, remote?.ToString());
        }

        // MQTT 5 lets the server say why before closing [MQTT-3.14.1], but only once CONNACK is out [MQTT-3.2.0-2];
        // MQTT 3.1.1 has no server DISCONNECT, so there the close is the answer.
        if (adapter.PacketFormatterAdapter.ProtocolVersion != MqttProtocolVersion.V500 || !guard.HasWritten)
        {
            return;
        }

        var reason = result == ScanResult.TooLarge ? MqttDisconnectReasonCode.PacketTooLarge : MqttDisconnectReasonCode.MalformedPacket;
        try
        {
            using var timeout = new CancellationTokenSource(_options!.DefaultCommunicationTimeout);
            await adapter.SendPacketAsync(new MqttDisconnectPacket { ReasonCode = reason }, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // The peer may already be gone; closing is what matters.
        }
    }
}
