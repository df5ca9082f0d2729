using System.Buffers.Binary;

namespace ParkCommunity.Gateway.Broker.Pipelining;

/// <summary>What the start of a connection's read buffer holds, as far as the pipelined path is concerned.</summary>
internal enum PublishFrameStatus
{
    /// <summary>A whole QoS 1 PUBLISH without retain or properties: <see cref="PublishFrame"/> says where its parts are.</summary>
    Complete,

    /// <summary>Nothing yet, or the first bytes of such a PUBLISH that fits the buffer: read more.</summary>
    NeedMore,

    /// <summary>Any other packet, or a PUBLISH that needs MQTTnet (QoS 0/2, retained, properties, too large, malformed).</summary>
    NotPipelined,
}

/// <summary>
/// Where the topic, packet id and payload of a QoS 1 PUBLISH lie in a buffer [MQTT-3.3], found without decoding it into
/// objects: the bytes stay in the connection's read buffer and the payload is handed to ingestion from there. Only the
/// plain case is read here; anything unusual is left for MQTTnet to decode and judge.
/// </summary>
internal readonly record struct PublishFrame(int Length, int TopicStart, int TopicLength, ushort PacketId, int PayloadStart, int PayloadLength)
{
    /// <param name="buffered">The bytes read so far, starting at a packet boundary.</param>
    /// <param name="mqtt5">Whether the connection speaks MQTT 5 (a property length follows the packet id).</param>
    /// <param name="maxLength">The largest packet taken here: the read buffer's size, and never above the broker's limit.</param>
    public static PublishFrameStatus TryRead(ReadOnlySpan<byte> buffered, bool mqtt5, int maxLength, out PublishFrame frame)
    {
        frame = default;
        if (buffered.IsEmpty)
        {
            return PublishFrameStatus.NeedMore;
        }

        // PUBLISH, QoS 1, not retained; DUP either way [MQTT-3.3.1].
        if ((buffered[0] & 0xF7) != 0x32)
        {
            return PublishFrameStatus.NotPipelined;
        }

        var remaining = 0;
        var headerLength = 1;
        for (var shift = 0; ; shift += 7)
        {
            if (headerLength >= buffered.Length)
            {
                return PublishFrameStatus.NeedMore;
            }

            if (shift > 21)
            {
                return PublishFrameStatus.NotPipelined;
            }

            var b = buffered[headerLength++];
            remaining |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        var length = headerLength + remaining;
        if (length > maxLength)
        {
            return PublishFrameStatus.NotPipelined;
        }

        if (buffered.Length < length)
        {
            return PublishFrameStatus.NeedMore;
        }

        var body = buffered[headerLength..length];
        if (body.Length < 4)
        {
            return PublishFrameStatus.NotPipelined;
        }

        var topicLength = BinaryPrimitives.ReadUInt16BigEndian(body);
        var afterTopic = 2 + topicLength;
        if (topicLength == 0 || body.Length < afterTopic + 2)
        {
            return PublishFrameStatus.NotPipelined;
        }

        var packetId = BinaryPrimitives.ReadUInt16BigEndian(body[afterTopic..]);
        var payloadStart = afterTopic + 2;
        if (packetId == 0)
        {
            return PublishFrameStatus.NotPipelined;
        }

        if (mqtt5)
        {
            // Only a publish without properties (no topic alias, no user properties, …) is plain enough.
            if (body.Length <= payloadStart || body[payloadStart] != 0)
            {
                return PublishFrameStatus.NotPipelined;
            }

            payloadStart++;
        }

        frame = new PublishFrame(length, headerLength + 2, topicLength, packetId, headerLength + payloadStart, body.Length - payloadStart);
        return PublishFrameStatus.Complete;
    }
}
