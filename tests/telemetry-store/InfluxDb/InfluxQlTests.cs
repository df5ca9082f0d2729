using ParkCommunity.TelemetryStore.InfluxDb;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.TelemetryStore.Tests.InfluxDb;

public sealed class InfluxQlTests
{
    [Theory]
    [InlineData("it's", @"'it\'s'")]
    [InlineData(@"back\slash", @"'back\\slash'")]
    [InlineData("two\nlines", @"'two\nlines'")]
    [InlineData("say \"hi\"", "'say \"hi\"'")]
    public void StringLiteralsEscapeQuotesBackslashesAndNewlines(string value, string expected) =>
        Assert.Equal(expected, InfluxQl.Literal(value));

    [Fact]
    public void IdentifiersEscapeDoubleQuotes() => Assert.Equal("\"a\\\"b\"", InfluxQl.Identifier("a\"b"));

    [Fact]
    public void AFilterBecomesTagConditionsAndANanosecondTimeRange()
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_000);
        var where = InfluxQl.Where(new SeriesFilter(Site: "s'1", Devices: ["a", "b"]), new TimeRange(start, start.AddSeconds(1)));

        Assert.Equal(""" WHERE time >= 1000000000 AND time < 2000000000 AND "site" = 's\'1' AND ("device" = 'a' OR "device" = 'b')""", where);
    }
}
