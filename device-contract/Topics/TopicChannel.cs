namespace ParkCommunity.DeviceContract.Topics;

/// <summary>The last topic segment: what the payload is.</summary>
public enum TopicChannel : byte
{
    /// <summary><c>telemetry</c>: a reading or a batch of readings.</summary>
    Telemetry,

    /// <summary><c>event</c>: something that happened once, e.g. <c>door_forced</c>.</summary>
    Event,

    /// <summary><c>status</c>: <c>online</c> / <c>offline</c>, retained; the device's last will is <c>offline</c>.</summary>
    Status,
}
