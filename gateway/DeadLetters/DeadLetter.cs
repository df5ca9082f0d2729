using System.Text;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.Gateway.DeadLetters;

/// <summary>
/// A message, or one item or point of it, that broke the device contract or was refused by the store,
/// kept for inspection with the specific reason. <see cref="Payload"/> holds at most
/// <see cref="DeadLetterOptions.MaxPayloadBytes"/> of the original bytes; <see cref="PayloadLength"/> the full length.
/// </summary>
public sealed record DeadLetter(
    DateTimeOffset ReceivedAt,
    string Topic,
    string? Device,
    string Reason,
    string Detail,
    byte[] Payload,
    int PayloadLength)
{
    /// <summary>A point refused by the store: its payload is the point rendered as contract JSON.</summary>
    public static DeadLetter ForRejectedPoint(in TelemetryPoint point, ReadOnlySpan<TelemetryField> fields, string storeReason, DateTimeOffset now)
    {
        var json = TelemetryPayloadWriter.Write(point.TimestampMs, point.Seq, fields);
        var topic = $"{point.Series.Site}/{point.Series.Kind}/{point.Series.Device}/telemetry";
        return new DeadLetter(now, topic, point.Series.Device, DeadLetterReasons.StoreRejected, storeReason, json, json.Length);
    }

    /// <summary>The payload as text when it is valid UTF-8, for people reading dead letters.</summary>
    public string PayloadText => Encoding.UTF8.GetString(Payload);
}

/// <summary>Reasons the gateway adds to the contract's own rejection reasons.</summary>
public static class DeadLetterReasons
{
    public const string BadTopic = "BadTopic";
    public const string UnknownDevice = "UnknownDevice";
    public const string TopicMismatch = "TopicMismatch";
    public const string InvalidStatus = "InvalidStatus";
    public const string StoreRejected = "StoreRejected";
}
