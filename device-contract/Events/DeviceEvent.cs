namespace ParkCommunity.DeviceContract.Events;

/// <summary>
/// An accepted event, <c>{"ts":…, "type":"door_forced", "data":{…}}</c>. <see cref="Data"/> is the raw JSON
/// object from the payload (empty when absent), a slice of the payload, not a copy: the consumer decides what
/// to keep — e.g. the gateway pseudonymises card and person ids before storing it.
/// </summary>
public readonly record struct DeviceEvent(long TimestampMs, string Type, ReadOnlyMemory<byte> Data);
