using ParkCommunity.DeviceContract.Topics;

namespace ParkCommunity.DeviceContract.Tests.Topics;

public sealed class DeviceTopicTests
{
    [Theory]
    [InlineData("pc/tianfu-park/light/light-0001/telemetry", TopicChannel.Telemetry)]
    [InlineData("pc/tianfu-park/light/light-0001/event", TopicChannel.Event)]
    [InlineData("pc/tianfu-park/light/light-0001/status", TopicChannel.Status)]
    public void AValidTopicYieldsItsSegmentsAndChannel(string topic, TopicChannel channel)
    {
        Assert.True(DeviceTopic.TryParse(topic, "pc", out var parsed, out var error));

        Assert.Equal("tianfu-park", parsed.Site.ToString());
        Assert.Equal("light", parsed.Kind.ToString());
        Assert.Equal("light-0001", parsed.Device.ToString());
        Assert.Equal(channel, parsed.Channel);
        Assert.Equal(TopicErrorKind.None, error.Kind);
    }

    [Fact]
    public void SegmentsAtTheirMaximumLengthsAreAccepted()
    {
        var id = new string('A', 64);
        var kind = "k" + new string('_', 31);

        Assert.True(DeviceTopic.TryParse($"p/{id}/{kind}/{id}/status", "p", out var parsed, out _));
        Assert.Equal(kind, parsed.Kind.ToString());
    }

    [Theory]
    [InlineData("xx/site/light/dev/telemetry", TopicErrorKind.WrongPrefix, "does not start with \"pc/\"")]
    [InlineData("pcx/site/light/dev/telemetry", TopicErrorKind.WrongPrefix, "does not start with \"pc/\"")]
    [InlineData("pc", TopicErrorKind.WrongPrefix, "does not start with \"pc/\"")]
    [InlineData("pc/site/light/telemetry", TopicErrorKind.WrongSegmentCount, "must have the form pc/{site}/{kind}/{device}")]
    [InlineData("pc/site/light/dev/telemetry/extra", TopicErrorKind.WrongSegmentCount, "must have the form")]
    [InlineData("pc/site one/light/dev/telemetry", TopicErrorKind.BadSite, "site \"site one\"")]
    [InlineData("pc//light/dev/telemetry", TopicErrorKind.BadSite, "site \"\"")]
    [InlineData("pc/+/light/dev/telemetry", TopicErrorKind.BadSite, "site \"+\"")]
    [InlineData("pc/site/Light/dev/telemetry", TopicErrorKind.BadKind, "kind \"Light\"")]
    [InlineData("pc/site/1light/dev/telemetry", TopicErrorKind.BadKind, "kind \"1light\"")]
    [InlineData("pc/site/light/dev#1/telemetry", TopicErrorKind.BadDevice, "device \"dev#1\"")]
    [InlineData("pc/site/light/dev/bogus", TopicErrorKind.UnknownChannel, "channel \"bogus\"")]
    [InlineData("pc/site/light/dev/Telemetry", TopicErrorKind.UnknownChannel, "channel \"Telemetry\"")]
    public void EachBrokenRuleIsReportedWithItsKindAndTheOffendingSegment(string topic, TopicErrorKind kind, string reasonPart)
    {
        Assert.False(DeviceTopic.TryParse(topic, "pc", out _, out var error));

        Assert.Equal(kind, error.Kind);
        Assert.Contains(reasonPart, error.Reason, StringComparison.Ordinal);
        Assert.Equal(error.Reason, error.ToString());
    }

    [Fact]
    public void AnOverlongSiteIsRejectedAndQuotedOnlyInPart()
    {
        var site = new string('s', 65);

        Assert.False(DeviceTopic.TryParse($"pc/{site}/light/dev/event", "pc", out _, out var error));

        Assert.Equal(TopicErrorKind.BadSite, error.Kind);
        Assert.Contains("…", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsingAValidTopicAllocatesNothing()
    {
        const string topic = "pc/tianfu-park/parking/bay-17/telemetry";
        DeviceTopic.TryParse(topic, "pc", out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            DeviceTopic.TryParse(topic, "pc", out _, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void FormatBuildsATopicThatParsesBackToTheSameParts()
    {
        var topic = DeviceTopic.Format("pc", "north", "access", "gate-2", TopicChannel.Event);

        Assert.Equal("pc/north/access/gate-2/event", topic);
        Assert.True(DeviceTopic.TryParse(topic, "pc", out var parsed, out _));
        Assert.Equal("gate-2", parsed.Device.ToString());
    }

    [Fact]
    public void FormatNamesTheArgumentThatBreaksTheContract()
    {
        var error = Assert.Throws<ArgumentException>(() => DeviceTopic.Format("pc", "north", "Access", "gate-2", TopicChannel.Event));

        Assert.Equal("kind", error.ParamName);
    }

    [Fact]
    public void TheAllFilterMatchesEveryDeviceTopicUnderThePrefix() =>
        Assert.Equal("site-a/+/+/+/+", DeviceTopic.AllFilter("site-a"));

    [Theory]
    [InlineData("")]
    [InlineData("pc/v1")]
    [InlineData("pc+")]
    [InlineData("$pc")]
    public void APrefixThatIsNotOneSafeSegmentIsAConfigurationError(string prefix)
    {
        Assert.False(DeviceTopic.IsValidPrefix(prefix));
        Assert.Throws<ArgumentException>(() => DeviceTopic.TryParse("pc/a/light/b/status", prefix, out _, out _));
    }
}
