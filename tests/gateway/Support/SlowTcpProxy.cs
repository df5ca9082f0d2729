using System.Net;
using System.Net.Sockets;

namespace ParkCommunity.Gateway.Tests.Support;

/// <summary>
/// A loopback TCP proxy in front of a real server that holds every chunk sent to the server for
/// <c>delay</c> — a slow network or an overloaded store, without touching the store itself.
/// </summary>
public sealed class SlowTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _upstreamPort;
    private readonly TimeSpan _delay;
    private readonly Task _accepting;

    public SlowTcpProxy(int upstreamPort, TimeSpan delay)
    {
        _upstreamPort = upstreamPort;
        _delay = delay;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = RelayAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                await Task.WhenAny(
                    PumpAsync(client.GetStream(), upstream.GetStream(), _delay),
                    PumpAsync(upstream.GetStream(), client.GetStream(), TimeSpan.Zero));
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // A closed side ends the relay.
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, TimeSpan delay)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _stop.Token);
            }

            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
