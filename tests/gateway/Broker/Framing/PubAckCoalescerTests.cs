using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;
using ParkCommunity.Gateway.Broker.Framing;

namespace ParkCommunity.Gateway.Tests.Broker.Framing;

public sealed class PubAckCoalescerTests
{
    private static readonly byte[][] PubAcks = [.. Enumerable.Range(1, 10).Select(id => new byte[] { 0x40, 0x02, 0x00, (byte)id })];

    [Fact]
    public async Task PubAcksHandedOverWhileTheSocketIsBusyLeaveTogetherInOrder()
    {
        var socket = new GatedChannel();
        var coalescer = new PubAckCoalescer(socket);

        foreach (var ack in PubAcks)
        {
            await coalescer.WriteAsync(new ReadOnlySequence<byte>(ack), isEndOfPacket: true, CancellationToken.None);
        }

        socket.Open();
        await coalescer.DrainAsync(CancellationToken.None);

        Assert.InRange(socket.Writes.Count, 1, 2);
        Assert.Equal(PubAcks.SelectMany(a => a), socket.Writes.SelectMany(w => w));
    }

    [Fact]
    public async Task AnyOtherPacketIsWrittenOnlyAfterTheBufferedPubAcks()
    {
        var socket = new GatedChannel();
        var coalescer = new PubAckCoalescer(socket);
        await coalescer.WriteAsync(new ReadOnlySequence<byte>(PubAcks[0]), isEndOfPacket: true, CancellationToken.None);

        var disconnect = coalescer.WriteAsync(new ReadOnlySequence<byte>([0xE0, 0x00]), isEndOfPacket: true, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(disconnect.IsCompleted);

        socket.Open();
        await disconnect;
        Assert.Equal([.. PubAcks[0], 0xE0, 0x00], socket.Writes.SelectMany(w => w));
    }

    [Fact]
    public async Task AFailedWriteFailsTheNextPacketAndClosesTheSocket()
    {
        var socket = new GatedChannel { Failing = true };
        var coalescer = new PubAckCoalescer(socket);
        await coalescer.WriteAsync(new ReadOnlySequence<byte>(PubAcks[0]), isEndOfPacket: true, CancellationToken.None);
        socket.Open();

        await Assert.ThrowsAsync<IOException>(() => coalescer.DrainAsync(CancellationToken.None));
        Assert.True(socket.Disposed);
    }

    /// <summary>A socket whose writes wait until <see cref="Open"/>, as a busy socket would; records what was written.</summary>
    private sealed class GatedChannel : IMqttChannel
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<byte[]> Writes { get; } = [];

        public bool Failing { get; init; }

        public bool Disposed { get; private set; }

        public X509Certificate2 ClientCertificate => null!;

        public EndPoint RemoteEndPoint => new IPEndPoint(IPAddress.Loopback, 1);

        public EndPoint LocalEndPoint => new IPEndPoint(IPAddress.Loopback, 2);

        public bool IsSecureConnection => false;

        public void Open() => _open.TrySetResult();

        public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DisconnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(0);

        public async Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken)
        {
            var bytes = buffer.ToArray();
            await _open.Task;
            if (Failing)
            {
                throw new IOException("connection reset");
            }

            lock (Writes)
            {
                Writes.Add(bytes);
            }
        }

        public void Dispose() => Disposed = true;
    }
}
