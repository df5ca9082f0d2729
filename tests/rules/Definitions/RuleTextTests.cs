using ParkCommunity.Rules.Definitions;

namespace ParkCommunity.Rules.Tests.Definitions;

/// <summary>The small languages inside rule files: durations, comparisons and title placeholders.</summary>
public sealed class RuleTextTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("2d", 172_800_000)]
    [InlineData("1m500ms", 60_500)]
    [InlineData("0s", 0)]
    public void DurationsReadAsWritten(string text, long milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
        Assert.Equal(text == "1m500ms" ? "1m500ms" : text, Durations.Format(duration));
    }

    [Theory]
    [InlineData("10")]
    [InlineData("m")]
    [InlineData("10 m")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    public void DurationsWithoutUnitsOrOutOfOrderAreRefused(string text) => Assert.False(Durations.TryParse(text, out _));

    [Theory]
    [InlineData("power_w < 5", 4.9, true)]
    [InlineData("power_w < 5", 5.0, false)]
    [InlineData("power_w >= 5", 5.0, true)]
    [InlineData("on == true", true, true)]
    [InlineData("on == true", false, false)]
    [InlineData("on != true", false, true)]
    [InlineData("mode == 'auto'", "auto", true)]
    [InlineData("mode != \"manual\"", "manual", false)]
    [InlineData("power_w < 5", "4", false)]
    [InlineData("on == true", 1.0, false)]
    public void ComparisonsMatchOnlyValuesOfTheirOwnType(string text, object actual, bool matches)
    {
        Assert.True(FieldComparison.TryParse(text, out var comparison, out var error), error);
        Assert.Equal(matches, comparison!.Matches(actual));
    }

    [Fact]
    public void TitlePlaceholdersAreCheckedAndValueIsWrittenAsDetailForTheAlarmBridge()
    {
        Assert.Equal(["lamp", "name"], TitleTemplate.Unknown("{lamp} {device} {lamp} {name} {severity} {value}"));
        Assert.Equal("Lamp {device}: {detail} ({detail})", TitleTemplate.Normalize("Lamp {device}: {value} ({detail})"));
    }
}
