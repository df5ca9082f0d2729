using ParkCommunity.Gateway.Broker.Pipelining;

namespace ParkCommunity.Gateway.Tests.Broker.Pipelining;

public sealed class PublishFrameTests
{
    private static readonly byte[] Topic = "pc/s1/light/l1/telemetry"u8.ToArray();
    private static readonly byte[] Payload = """{"ts":1,"seq":1,"values":{"on":true}}"""u8.ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APlainQos1PublishIsFoundWithItsTopicPacketIdAndPayload(bool mqtt5)
    {
        var packet = RawPackets.PublishQos1(Topic, Payload, packetId: 513, mqtt5);

        var status = PublishFrame.TryRead(packet, mqtt5, 4096, out var frame);

        Assert.Equal(PublishFrameStatus.Complete, status);
        Assert.Equal(packet.Length, frame.Length);
        Assert.Equal(513, frame.PacketId);
        Assert.Equal(Topic, packet.AsSpan(frame.TopicStart, frame.TopicLength).ToArray());
        Assert.Equal(Payload, packet.AsSpan(frame.PayloadStart, frame.PayloadLength).ToArray());
    }

    [Fact]
    public void ADuplicateFlagDoesNotMatter()
    {
        var packet = RawPackets.PublishQos1(Topic, Payload, packetId: 7, mqtt5: false);
        packet[0] |= 0x08;

        Assert.Equal(PublishFrameStatus.Complete, PublishFrame.TryRead(packet, mqtt5: false, 4096, out _));
    }

    [Fact]
    public void APublishFollowedByMoreBytesEndsWhereItsLengthSays()
    {
        var first = RawPackets.PublishQos1(Topic, Payload, packetId: 1, mqtt5: false);
        byte[] both = [.. first, .. RawPackets.PublishQos1(Topic, Payload, packetId: 2, mqtt5: false)];

        PublishFrame.TryRead(both, mqtt5: false, 4096, out var frame);

        Assert.Equal(first.Length, frame.Length);
        Assert.Equal(1, frame.PacketId);
    }

    [Fact]
    public void EveryCutOfAPublishAsksForMoreBytes()
    {
        var packet = RawPackets.PublishQos1(Topic, Payload, packetId: 1, mqtt5: true);

        for (var cut = 0; cut < packet.Length; cut++)
        {
            Assert.Equal(PublishFrameStatus.NeedMore, PublishFrame.TryRead(packet.AsSpan(0, cut), mqtt5: true, 4096, out _));
        }
    }

    [Theory]
    [InlineData(0x30, "QoS 0")]
    [InlineData(0x34, "QoS 2")]
    [InlineData(0x33, "retained")]
    [InlineData(0x82, "SUBSCRIBE")]
    [InlineData(0xC0, "PINGREQ")]
    public void OtherPacketsAreLeftToMqttNet(byte firstByte, string what)
    {
        var packet = RawPackets.PublishQos1(Topic, Payload, packetId: 1, mqtt5: false);
        packet[0] = firstByte;

        Assert.True(PublishFrame.TryRead(packet, mqtt5: false, 4096, out _) == PublishFrameStatus.NotPipelined, what);
    }

    [Fact]
    public void AnMqtt5PublishWithPropertiesIsLeftToMqttNet()
    {
        // Property length 3: topic alias (0x23) = 1.
        byte[] body = [0, (byte)Topic.Length, .. Topic, 0, 1, 3, 0x23, 0, 1, .. Payload];
        byte[] packet = [0x32, (byte)body.Length, .. body];

        Assert.Equal(PublishFrameStatus.NotPipelined, PublishFrame.TryRead(packet, mqtt5: true, 4096, out _));
    }

    [Fact]
    public void PacketIdZeroAndAnEmptyTopicAreLeftToMqttNetToRefuse()
    {
        var noId = RawPackets.PublishQos1(Topic, Payload, packetId: 0, mqtt5: false);
        var noTopic = RawPackets.PublishQos1([], Payload, packetId: 1, mqtt5: false);

        Assert.Equal(PublishFrameStatus.NotPipelined, PublishFrame.TryRead(noId, mqtt5: false, 4096, out _));
        Assert.Equal(PublishFrameStatus.NotPipelined, PublishFrame.TryRead(noTopic, mqtt5: false, 4096, out _));
    }

    [Fact]
    public void APublishLongerThanTheLimitIsLeftToMqttNetEvenBeforeItsBodyArrives()
    {
        var packet = RawPackets.PublishQos1(Topic, new byte[300], packetId: 1, mqtt5: false);

        Assert.Equal(PublishFrameStatus.NotPipelined, PublishFrame.TryRead(packet.AsSpan(0, 4), mqtt5: false, 256, out _));
    }

    [Fact]
    public void ARemainingLengthOverFourBytesIsLeftToMqttNet()
    {
        byte[] packet = [0x32, 0x80, 0x80, 0x80, 0x80, 0x01];

        Assert.Equal(PublishFrameStatus.NotPipelined, PublishFrame.TryRead(packet, mqtt5: false, int.MaxValue, out _));
    }
}
