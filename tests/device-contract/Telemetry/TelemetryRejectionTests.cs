using System.Text;
using ParkCommunity.DeviceContract.Telemetry;
using static ParkCommunity.DeviceContract.Tests.Support.Payloads;

namespace ParkCommunity.DeviceContract.Tests.Telemetry;

/// <summary>Every class of bad input gets its own reason, and a detail naming the item and the field.</summary>
public sealed class TelemetryRejectionTests
{
    public static TheoryData<string, RejectReason, string> BadItems => new()
    {
        { """{"ts":1764348240123}""", RejectReason.MissingValues, "item 0: \"values\" is missing" },
        { """{"values":{}}""", RejectReason.MissingValues, "item 0: \"values\" is empty" },
        { """{"values":[1,2]}""", RejectReason.WrongValueType, "item 0: \"values\" must be an object, not an array" },
        { "{\"values\":{" + string.Join(',', Enumerable.Range(0, 65).Select(i => $"\"v{i}\":1")) + "}}", RejectReason.TooManyValues, "item 0: \"values\" has more than 64 members" },
        { """{"values":{"Power W":1}}""", RejectReason.BadValueName, "item 0: value name \"Power W\" must match [a-z][a-z0-9_]{0,63}" },
        { """{"values":{"1st":1}}""", RejectReason.BadValueName, "value name \"1st\"" },
        { "{\"values\":{\"" + new string('a', 65) + "\":1}}", RejectReason.BadValueName, "item 0: value name \"aaaa" },
        { """{"values":{"on":true,"on":false}}""", RejectReason.DuplicateValueName, "item 0: value \"on\" appears more than once" },
        { """{"values":{"power_w":{"watts":1}}}""", RejectReason.WrongValueType, "item 0: value \"power_w\" is an object" },
        { """{"values":{"power_w":[1]}}""", RejectReason.WrongValueType, "item 0: value \"power_w\" is an array" },
        { """{"values":{"power_w":null}}""", RejectReason.WrongValueType, "item 0: value \"power_w\" is null" },
        { """{"values":{"power_w":1e999}}""", RejectReason.NonFiniteNumber, "item 0: value \"power_w\" 1e999 is too large for a double" },
        { """{"values":{"power_w":-1e400}}""", RejectReason.NonFiniteNumber, "value \"power_w\" -1e400" },
        { "{\"values\":{\"note\":\"" + new string('x', 257) + "\"}}", RejectReason.TextTooLong, "item 0: value \"note\" is 257 characters long; the limit is 256" },
        { "{\"values\":{\"note\":\"" + string.Concat(Enumerable.Repeat("\\u00e9", 300)) + "\"}}", RejectReason.TextTooLong, "item 0: value \"note\" is 300 characters long" },
        { """{"ts":1764348240.5,"values":{"a":1}}""", RejectReason.BadTimestamp, "item 0: \"ts\" 1764348240.5 is not an integer" },
        { """{"ts":-1,"values":{"a":1}}""", RejectReason.BadTimestamp, "item 0: \"ts\" -1 is before 2000-01-01" },
        { """{"ts":1764348240,"values":{"a":1}}""", RejectReason.BadTimestamp, "\"ts\" 1764348240 is before 2000-01-01" },
        { """{"ts":1764348240123000,"values":{"a":1}}""", RejectReason.BadTimestamp, "is more than a day after the time of receipt" },
        { """{"ts":"2025-11-28 16:44","values":{"a":1}}""", RejectReason.BadTimestamp, "item 0: \"ts\" \"2025-11-28 16:44\" is not an RFC 3339 date-time" },
        { """{"ts":"2025-11-28T16:44:00","values":{"a":1}}""", RejectReason.BadTimestamp, "is not an RFC 3339 date-time with offset" },
        { """{"ts":"2025-02-30T16:44:00Z","values":{"a":1}}""", RejectReason.BadTimestamp, "\"2025-02-30T16:44:00Z\"" },
        { """{"ts":true,"values":{"a":1}}""", RejectReason.BadTimestamp, "item 0: \"ts\" must be a number of epoch milliseconds or an RFC 3339 string, not a boolean" },
        { """{"seq":-3,"values":{"a":1}}""", RejectReason.BadSeq, "item 0: \"seq\" must be a non-negative integer, not -3" },
        { """{"seq":1.5,"values":{"a":1}}""", RejectReason.BadSeq, "not 1.5" },
        { """{"seq":"7","values":{"a":1}}""", RejectReason.BadSeq, "not a string" },
        { """{"ts":1764348240123,"ts":1764348240124,"values":{"a":1}}""", RejectReason.DuplicateMember, "item 0: \"ts\" appears more than once" },
        { """{"values":{"a":1},"values":{"b":1}}""", RejectReason.DuplicateMember, "item 0: \"values\" appears more than once" },
        { """[{"values":{"a":1}},42]""", RejectReason.NotAnObject, "item 1 must be an object, not a number" },
    };

    public static TheoryData<byte[], RejectReason, string> BadPayloads => new()
    {
        { Encoding.UTF8.GetBytes("{\"values\":{\"note\":\"" + new string('x', 70_000) + "\"}}"), RejectReason.PayloadTooLarge, "payload is 70022 bytes; the limit is 65536" },
        { [.. """{"values":{"mode":" """u8, 0xFF, 0xFE, .. "\"}}"u8], RejectReason.InvalidUtf8, "bad byte sequence at offset 20" },
        { """{"values":{"power_w":1}"""u8.ToArray(), RejectReason.InvalidJson, "payload is not valid JSON" },
        { """{"values":{"a":1}} {}"""u8.ToArray(), RejectReason.InvalidJson, "payload is not valid JSON" },
        { """{"values":{"a":1,}}"""u8.ToArray(), RejectReason.InvalidJson, "payload is not valid JSON" },
        { "  "u8.ToArray(), RejectReason.InvalidJson, "payload is not valid JSON" },
        { """{"values":{"power_w":NaN}}"""u8.ToArray(), RejectReason.NonFiniteNumber, "item 0: value \"power_w\" is NaN" },
        { """[{"values":{"a":1}},{"values":{"power_w" : -Infinity}}]"""u8.ToArray(), RejectReason.NonFiniteNumber, "item 1: value \"power_w\" is -Infinity" },
        { """{"ts":Infinity,"values":{"a":1}}"""u8.ToArray(), RejectReason.NonFiniteNumber, "item 0: \"ts\" is Infinity" },
        { "\"on\""u8.ToArray(), RejectReason.NotAnObject, "payload must be a JSON object or an array of objects, not a string" },
        { "[]"u8.ToArray(), RejectReason.EmptyBatch, "batch is an empty array" },
        { Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("""{"values":{"a":1}}""", 501)) + "]"), RejectReason.BatchTooLarge, "batch has more than 500 items" },
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public void ABadItemIsRejectedWithItsSpecificReasonAndADetailNamingTheField(string json, RejectReason reason, string detail)
    {
        var parsed = Parse(json);

        var rejection = Assert.Single(parsed.Rejections);
        Assert.Equal(reason, rejection.Reason);
        Assert.Contains(detail, rejection.Detail, StringComparison.Ordinal);
        Assert.NotEqual(TelemetryRejection.WholePayload, rejection.ItemIndex);
        Assert.All(parsed.Readings.ToArray(), r => Assert.NotEqual(rejection.ItemIndex, r.ItemIndex));
    }

    [Theory]
    [MemberData(nameof(BadPayloads))]
    public void ABadPayloadIsRejectedAsAWholeWithItsSpecificReason(byte[] payload, RejectReason reason, string detail)
    {
        var parsed = Parse(payload);

        var rejection = Assert.Single(parsed.Rejections);
        Assert.Equal(reason, rejection.Reason);
        Assert.Equal(TelemetryRejection.WholePayload, rejection.ItemIndex);
        Assert.Contains(detail, rejection.Detail, StringComparison.Ordinal);
        Assert.True(parsed.Readings.IsEmpty);
        Assert.True(parsed.Fields.IsEmpty);
    }

    [Fact]
    public void InvalidJsonAfterGoodItemsDiscardsThemToo()
    {
        var parsed = Parse("""[{"values":{"a":1}},{"values":{"b":2}},{"values":{"c":]""");

        Assert.Equal(RejectReason.InvalidJson, Assert.Single(parsed.Rejections).Reason);
        Assert.True(parsed.Readings.IsEmpty);
        Assert.Equal(0, parsed.ItemCount);
    }

    [Fact]
    public void AllReasonsAreCoveredByTheseTests()
    {
        var covered = BadItems.Select(row => (RejectReason)row[1]).Concat(BadPayloads.Select(row => (RejectReason)row[1])).ToHashSet();

        var eventOnly = new[] { RejectReason.MissingEventType, RejectReason.BadEventType };
        Assert.Equal(Enum.GetValues<RejectReason>().Except(eventOnly).Order(), covered.Order());
    }
}
