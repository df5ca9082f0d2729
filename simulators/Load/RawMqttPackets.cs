using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;

namespace ParkCommunity.Simulators.Load;

/// <summary>
/// The few MQTT 3.1.1 packets the raw load engine speaks, encoded straight into a byte buffer (OASIS MQTT 3.1.1,
/// sections 3.1 CONNECT, 3.2 CONNACK, 3.3 PUBLISH, 3.4 PUBACK). Nothing here allocates per message.
/// </summary>
internal static class RawMqttPackets
{
    public const byte ConnAck = 0x20;
    public const byte PubAck = 0x40;

    /// <summary>PUBLISH with QoS 1 (fixed header 0x32), no DUP, no RETAIN.</summary>
    private const byte PublishQos1 = 0x32;

    /// <summary>Largest publish this engine writes: topic ≤ 200 bytes and a short telemetry payload.</summary>
    public const int MaxPublishBytes = 512;

    public static byte[] Connect(string clientId, string username, string password, ushort keepAliveSeconds)
    {
        var id = Encoding.UTF8.GetBytes(clientId);
        var user = Encoding.UTF8.GetBytes(username);
        var pass = Encoding.UTF8.GetBytes(password);

        // Variable header: protocol name "MQTT", level 4, flags (user name, password, clean session), keep alive [MQTT-3.1.2].
        var remaining = 10 + 2 + id.Length + 2 + user.Length + 2 + pass.Length;
        var packet = new byte[1 + RemainingLengthSize(remaining) + remaining];
        var at = 0;
        packet[at++] = 0x10;
        at += WriteRemainingLength(packet.AsSpan(at), remaining);
        at += WriteString(packet.AsSpan(at), "MQTT"u8);
        packet[at++] = 4;
        packet[at++] = 0b1100_0010;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(at), keepAliveSeconds);
        at += 2;
        at += WriteString(packet.AsSpan(at), id);
        at += WriteString(packet.AsSpan(at), user);
        WriteString(packet.AsSpan(at), pass);
        return packet;
    }

    /// <summary>
    /// Writes a QoS 1 PUBLISH of the contract's telemetry <c>{"ts":…,"seq":…,"values":{"power_w":…,"on":true}}</c>
    /// — the same payload the MQTTnet engine sends — and returns its length.
    /// </summary>
    public static int WriteTelemetryPublish(Span<byte> destination, ReadOnlySpan<byte> topic, ushort packetId, long timestampMs, long seq, int powerW)
    {
        Span<byte> payload = stackalloc byte[128];
        var p = 0;
        p += Append(payload[p..], "{\"ts\":"u8);
        Utf8Formatter.TryFormat(timestampMs, payload[p..], out var n);
        p += n;
        p += Append(payload[p..], ",\"seq\":"u8);
        Utf8Formatter.TryFormat(seq, payload[p..], out n);
        p += n;
        p += Append(payload[p..], ",\"values\":{\"power_w\":"u8);
        Utf8Formatter.TryFormat(powerW, payload[p..], out n);
        p += n;
        p += Append(payload[p..], ",\"on\":true}}"u8);

        var remaining = 2 + topic.Length + 2 + p;
        var at = 0;
        destination[at++] = PublishQos1;
        at += WriteRemainingLength(destination[at..], remaining);
        at += WriteString(destination[at..], topic);
        BinaryPrimitives.WriteUInt16BigEndian(destination[at..], packetId);
        at += 2;
        payload[..p].CopyTo(destination[at..]);
        return at + p;
    }

    private static int Append(Span<byte> destination, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    private static int WriteString(Span<byte> destination, ReadOnlySpan<byte> text)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)text.Length);
        text.CopyTo(destination[2..]);
        return 2 + text.Length;
    }

    private static int RemainingLengthSize(int length) => length < 128 ? 1 : length < 16_384 ? 2 : length < 2_097_152 ? 3 : 4;

    /// <summary>The variable-length "remaining length" [MQTT-2.2.3]: seven bits a byte, high bit = more follows.</summary>
    private static int WriteRemainingLength(Span<byte> destination, int length)
    {
        var at = 0;
        do
        {
            var b = (byte)(length % 128);
            length /= 128;
            destination[at++] = length > 0 ? (byte)(b | 0x80) : b;
        }
        while (length > 0);

        return at;
    }
}
