using System.Text;
using ParkCommunity.DeviceContract.Events;
using ParkCommunity.DeviceContract.Telemetry;
using static ParkCommunity.DeviceContract.Tests.Support.Payloads;

namespace ParkCommunity.DeviceContract.Tests.Events;

public sealed class DeviceEventParserTests
{
    [Fact]
    public void AnEventYieldsItsTimestampTypeAndTheRawDataObject()
    {
        var payload = Encoding.UTF8.GetBytes("""{"ts":1764348240123,"type":"door_forced","data":{"card":"04A1","door":2},"v":1}""");

        Assert.True(DeviceEventParser.TryParse(payload, ReceivedAtMs, out var deviceEvent, out var rejection));

        Assert.Null(rejection);
        Assert.Equal(1_764_348_240_123, deviceEvent.TimestampMs);
        Assert.Equal("door_forced", deviceEvent.Type);
        Assert.Equal("""{"card":"04A1","door":2}""", Encoding.UTF8.GetString(deviceEvent.Data.Span));
    }

    [Fact]
    public void AnEventWithoutTimestampOrDataHappenedOnReceiptAndHasNoData()
    {
        Assert.True(DeviceEventParser.TryParse("""{"type":"tamper"}"""u8.ToArray(), ReceivedAtMs, out var deviceEvent, out _));

        Assert.Equal(ReceivedAtMs, deviceEvent.TimestampMs);
        Assert.True(deviceEvent.Data.IsEmpty);
    }

    [Fact]
    public void AnRfc3339TimestampIsAccepted()
    {
        Assert.True(DeviceEventParser.TryParse("""{"ts":"2025-11-28T16:44:00.250Z","type":"tamper"}"""u8.ToArray(), ReceivedAtMs, out var deviceEvent, out _));

        Assert.Equal(ReceivedAtMs + 250, deviceEvent.TimestampMs);
    }

    public static TheoryData<string, RejectReason, string> BadEvents => new()
    {
        { """{"ts":1764348240123}""", RejectReason.MissingEventType, "\"type\" is missing" },
        { """{"type":"Door Forced"}""", RejectReason.BadEventType, "\"type\" \"Door Forced\" must be a string matching [a-z][a-z0-9_]{0,63}" },
        { """{"type":7}""", RejectReason.BadEventType, "\"type\" a number must be a string" },
        { """{"type":"tamper","data":[1]}""", RejectReason.WrongValueType, "\"data\" must be an object, not an array" },
        { """{"type":"tamper","type":"fire"}""", RejectReason.DuplicateMember, "\"type\" appears more than once" },
        { """{"type":"tamper","ts":12}""", RejectReason.BadTimestamp, "\"ts\" 12 is before 2000-01-01" },
        { """{"type":"tamper","data":{"temp":NaN}}""", RejectReason.NonFiniteNumber, "payload contains NaN" },
        { """{"type":"tamper" """, RejectReason.InvalidJson, "payload is not valid JSON" },
        { """{"type":"tamper"} x""", RejectReason.InvalidJson, "payload is not valid JSON" },
        { """["tamper"]""", RejectReason.NotAnObject, "event payload must be a JSON object, not an array" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public void ABadEventIsRejectedWithItsSpecificReason(string json, RejectReason reason, string detail)
    {
        Assert.False(DeviceEventParser.TryParse(Encoding.UTF8.GetBytes(json), ReceivedAtMs, out _, out var rejection));

        Assert.Equal(reason, rejection.Reason);
        Assert.Contains(detail, rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(TelemetryRejection.WholePayload, rejection.ItemIndex);
    }

    [Fact]
    public void InvalidUtf8IsRejectedBeforeReadingJson()
    {
        byte[] payload = [.. """{"type":"tamper","data":{"n":" """u8, 0xC3, 0x28, .. "\"}}"u8];

        Assert.False(DeviceEventParser.TryParse(payload, ReceivedAtMs, out _, out var rejection));

        Assert.Equal(RejectReason.InvalidUtf8, rejection.Reason);
    }

    [Fact]
    public void AnOversizedEventIsRejected()
    {
        var payload = Encoding.UTF8.GetBytes("{\"type\":\"tamper\",\"data\":{\"x\":\"" + new string('x', 1_000) + "\"}}");

        Assert.False(DeviceEventParser.TryParse(payload, ReceivedAtMs, new TelemetryLimits { MaxPayloadBytes = 512 }, out _, out var rejection));

        Assert.Equal(RejectReason.PayloadTooLarge, rejection.Reason);
    }
}
