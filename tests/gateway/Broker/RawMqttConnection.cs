using System.Net.Sockets;
using System.Text;

namespace ParkCommunity.Gateway.Tests.Broker;

/// <summary>
/// A TCP connection speaking hand-built MQTT bytes, for what a real client library refuses to send:
/// invalid UTF-8, lying length headers.
/// </summary>
internal sealed class RawMqttConnection : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawMqttConnection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawMqttConnection> OpenAsync(int port)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", port);
        return new RawMqttConnection(tcp);
    }

    public async Task SendAsync(params byte[][] parts)
    {
        foreach (var part in parts)
        {
            await _stream.WriteAsync(part);
        }

        await _stream.FlushAsync();
    }

    /// <summary>Reads one whole packet: (first byte, body); null when the server closed the connection first.</summary>
    public async Task<(byte Header, byte[] Body)?> ReadPacketAsync()
    {
        var first = await ReadByteAsync();
        if (first < 0)
        {
            return null;
        }

        int length = 0, shift = 0, b;
        do
        {
            b = await ReadByteAsync();
            if (b < 0)
            {
                return null;
            }

            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await _stream.ReadAsync(body.AsMemory(read)).AsTask().WaitAsync(ReadTimeout);
            if (n == 0)
            {
                return null;
            }

            read += n;
        }

        return ((byte)first, body);
    }

    /// <summary>Whether bytes from the server are waiting to be read (without reading them).</summary>
    public bool HasUnreadData => _tcp.Available > 0;

    /// <summary>True once the server has closed the connection (end of stream or reset) before sending another packet.</summary>
    public async Task<bool> IsClosedByServerAsync() => await ReadPacketAsync() is null;

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private async Task<int> ReadByteAsync()
    {
        var one = new byte[1];
        try
        {
            var n = await _stream.ReadAsync(one).AsTask().WaitAsync(ReadTimeout);
            return n == 0 ? -1 : one[0];
        }
        catch (IOException)
        {
            return -1;
        }
    }
}

/// <summary>Builds MQTT packets byte by byte, following the spec's layouts.</summary>
internal static class RawPackets
{
    public static byte[] Connect(byte[] clientId, string username, string password, byte protocolLevel, ushort keepAliveSeconds = 60)
    {
        var body = new List<byte> { 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', protocolLevel, 0xC2, (byte)(keepAliveSeconds >> 8), (byte)keepAliveSeconds };
        if (protocolLevel == 5)
        {
            body.Add(0); // no properties
        }

        AddString(body, clientId);
        AddString(body, Encoding.UTF8.GetBytes(username));
        AddString(body, Encoding.UTF8.GetBytes(password));
        return Packet(0x10, body);
    }

    public static byte[] PublishQos1(byte[] topic, byte[] payload, ushort packetId, bool mqtt5)
    {
        var body = new List<byte>();
        AddString(body, topic);
        body.Add((byte)(packetId >> 8));
        body.Add((byte)packetId);
        if (mqtt5)
        {
            body.Add(0); // no properties
        }

        body.AddRange(payload);
        return Packet(0x32, body);
    }

    /// <summary>Only the fixed header of a PUBLISH: type byte and a remaining length, with no body behind it.</summary>
    public static byte[] PublishHeaderDeclaring(int remainingLength) => [0x30, .. VariableLength(remainingLength)];

    /// <summary>The Maximum Packet Size property (0x27) of an MQTT 5 CONNACK body, or null when absent.</summary>
    public static uint? MaximumPacketSizeOf(byte[] connAckBody)
    {
        // Flags, reason code, then the properties' length and the properties.
        var index = 2;
        int length = 0, shift = 0;
        byte b;
        do
        {
            b = connAckBody[index++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        var end = index + length;
        while (index < end)
        {
            var id = connAckBody[index++];
            var size = id switch
            {
                0x26 => 4 + ((connAckBody[index] << 8) | connAckBody[index + 1])
                          + ((connAckBody[index + 2 + ((connAckBody[index] << 8) | connAckBody[index + 1])] << 8)
                             | connAckBody[index + 3 + ((connAckBody[index] << 8) | connAckBody[index + 1])]),
                0x11 or 0x27 => 4,
                0x21 or 0x22 or 0x13 => 2,
                0x24 or 0x25 or 0x28 or 0x29 or 0x2A => 1,
                0x12 or 0x1A or 0x1C or 0x1F or 0x15 => 2 + ((connAckBody[index] << 8) | connAckBody[index + 1]),
                _ => throw new InvalidOperationException($"property 0x{id:X2} not expected in CONNACK"),
            };
            if (id == 0x27)
            {
                return (uint)((connAckBody[index] << 24) | (connAckBody[index + 1] << 16) | (connAckBody[index + 2] << 8) | connAckBody[index + 3]);
            }

            index += size;
        }

        return null;
    }

    private static byte[] Packet(byte header, List<byte> body) => [header, .. VariableLength(body.Count), .. body];

    private static void AddString(List<byte> body, byte[] value)
    {
        body.Add((byte)(value.Length >> 8));
        body.Add((byte)value.Length);
        body.AddRange(value);
    }

    private static List<byte> VariableLength(int value)
    {
        var bytes = new List<byte>();
        do
        {
            var digit = (byte)(value % 128);
            value /= 128;
            bytes.Add(value > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (value > 0);
        return bytes;
    }
}
