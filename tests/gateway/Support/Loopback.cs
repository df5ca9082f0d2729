using System.Net.Sockets;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.Support;

public static class Loopback
{
    /// <summary>Waits until something accepts TCP connections on 127.0.0.1:<paramref name="port"/>; fails after <paramref name="timeout"/>.</summary>
    public static Task WaitForListenerAsync(int port, TimeSpan? timeout = null, Func<bool>? gaveUp = null) =>
        Eventually.ReturnsAsync(async () =>
        {
            if (gaveUp?.Invoke() == true)
            {
                throw new InvalidOperationException($"the process meant to listen on port {port} has exited");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, up => up, timeout);
}
