using ParkCommunity.DeviceContract.Telemetry;
using static ParkCommunity.DeviceContract.Tests.Support.Payloads;

namespace ParkCommunity.DeviceContract.Tests.Telemetry;

public sealed class TelemetryParserTests
{
    [Fact]
    public void ASingleObjectYieldsOneReadingWithEveryValueTyped()
    {
        var parsed = Parse("""{"ts":1764348240123,"seq":42,"values":{"power_w":41.5,"on":true,"mode":"auto"}}""");

        Assert.Empty(parsed.Rejections);
        Assert.Equal(1, parsed.ItemCount);
        var reading = Assert.Single(parsed.Readings.ToArray());
        Assert.Equal(new ParsedReading(0, 1_764_348_240_123, 42, 0, 3), reading);
        Assert.Equal(
            [TelemetryField.OfNumber("power_w", 41.5), TelemetryField.OfBoolean("on", true), TelemetryField.OfText("mode", "auto")],
            FieldsOf(parsed, 0));
    }

    [Fact]
    public void AnAbsentTimestampMeansTheTimeOfReceipt()
    {
        var parsed = Parse("""{"values":{"lux":3}}""");

        Assert.Equal(ReceivedAtMs, parsed.Readings[0].TimestampMs);
        Assert.Null(parsed.Readings[0].Seq);
    }

    [Theory]
    [InlineData("2025-11-28T16:44:00Z", 0)]
    [InlineData("2025-11-28T16:44:00.123Z", 123)]
    [InlineData("2025-11-28T16:44:00.1Z", 100)]
    [InlineData("2025-11-28T16:44:00.123456789Z", 123)]
    [InlineData("2025-11-28t16:44:00z", 0)]
    [InlineData("2025-11-28T17:44:00+01:00", 0)]
    [InlineData("2025-11-28T14:14:00-02:30", 0)]
    [InlineData("2025-11-28T16:43:60Z", 0)]
    public void AnRfc3339TimestampIsConvertedToEpochMilliseconds(string ts, int millis)
    {
        var parsed = Parse($$$"""{"ts":"{{{ts}}}","values":{"lux":3}}""");

        Assert.Empty(parsed.Rejections);
        Assert.Equal(ReceivedAtMs + millis, parsed.Readings[0].TimestampMs);
    }

    [Fact]
    public void AnEscapedRfc3339TimestampIsUnescapedFirst()
    {
        var parsed = Parse("""{"ts":"2025-11-28T16:44:00\u002E5Z","values":{"lux":3}}""");

        Assert.Equal(ReceivedAtMs + 500, parsed.Readings[0].TimestampMs);
    }

    [Fact]
    public void ATimestampUpToOneDayAheadOfReceiptIsAccepted()
    {
        var ts = ReceivedAtMs + TimeSpan.FromDays(1).Ticks / TimeSpan.TicksPerMillisecond;

        var parsed = Parse($$$"""{"ts":{{{ts}}},"values":{"lux":3}}""");

        Assert.Equal(ts, parsed.Readings[0].TimestampMs);
    }

    [Fact]
    public void EscapedValueNamesAndTextsAreUnescaped()
    {
        var parsed = Parse("""{"values":{"\u0070ower_w":1,"note":"line\nbreak \u00e9"}}""");

        Assert.Equal([TelemetryField.OfNumber("power_w", 1), TelemetryField.OfText("note", "line\nbreak é")], FieldsOf(parsed, 0));
    }

    [Fact]
    public void UnknownTopLevelMembersAreIgnoredAsReservedForLaterVersions()
    {
        var parsed = Parse("""{"v":2,"meta":{"fw":"1.2","tags":[1,2]},"values":{"lux":3},"extra":null}""");

        Assert.Empty(parsed.Rejections);
        Assert.Equal([TelemetryField.OfNumber("lux", 3)], FieldsOf(parsed, 0));
    }

    [Fact]
    public void ABatchYieldsOneReadingPerItemEachPointingAtItsOwnFields()
    {
        var parsed = Parse("""[{"seq":1,"values":{"a":1,"b":2}},{"seq":2,"values":{"c":true}}]""");

        Assert.Equal(2, parsed.ItemCount);
        Assert.Equal([1L, 2L], parsed.Readings.ToArray().Select(r => r.Seq!.Value));
        Assert.Equal(["a", "b"], FieldsOf(parsed, 0).Select(f => f.Name));
        Assert.Equal(["c"], FieldsOf(parsed, 1).Select(f => f.Name));
    }

    [Fact]
    public void ABatchWithSomeBadItemsKeepsTheGoodOnesAndRejectsEachBadOneByIndex()
    {
        var parsed = Parse($$$$"""
            [{"values":{"power_w":40.5}},
             {"values":{"mode":"{{{{new string('x', 300)}}}}"}},
             {"values":{"power_w":41.0,"nested":{"x":[1,{"y":2}]}}},
             "not an object",
             {"values":{"power_w":42.0}},
             {"values":{"Bad Name":1}}]
            """);

        Assert.Equal(6, parsed.ItemCount);
        Assert.Equal([0, 4], parsed.Readings.ToArray().Select(r => r.ItemIndex));
        Assert.Equal([40.5, 42.0], parsed.Fields.ToArray().Select(f => f.Number));
        Assert.Equal(
            [(1, RejectReason.TextTooLong), (2, RejectReason.WrongValueType), (3, RejectReason.NotAnObject), (5, RejectReason.BadValueName)],
            parsed.Rejections.Select(r => (r.ItemIndex, r.Reason)));
    }

    [Fact]
    public void AReusedContainerIsEmptyAfterClear()
    {
        var parser = new TelemetryParser(TelemetryLimits.Default);
        var parsed = new ParsedTelemetry();
        parser.Parse("""[{"values":{"a":1}},{"values":{}}]"""u8, ReceivedAtMs, parsed);

        parsed.Clear();
        parser.Parse("""{"values":{"b":2}}"""u8, ReceivedAtMs, parsed);

        Assert.Empty(parsed.Rejections);
        Assert.Equal(1, parsed.ItemCount);
        Assert.Equal([TelemetryField.OfNumber("b", 2)], parsed.Fields.ToArray());
    }

    [Fact]
    public void LowerLimitsAreApplied()
    {
        var parsed = Parse("""{"values":{"a":1,"b":2,"c":3}}""", new TelemetryLimits { MaxValues = 2 });

        Assert.Equal(RejectReason.TooManyValues, Assert.Single(parsed.Rejections).Reason);
    }

    [Fact]
    public void InvalidLimitsAreRefusedNamingEveryBadProperty()
    {
        var error = Assert.Throws<ArgumentException>(() => new TelemetryParser(new TelemetryLimits { MaxBatchItems = 0, MaxNameLength = 65 }));

        Assert.Contains("MaxBatchItems", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxNameLength", error.Message, StringComparison.Ordinal);
    }
}
