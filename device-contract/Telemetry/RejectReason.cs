namespace ParkCommunity.DeviceContract.Telemetry;

/// <summary>
/// Why a payload or one item of a batch broke the contract. The names are part of the public contract:
/// they are what device vendors see in dead letters (docs/device-contract.md lists an example of each).
/// </summary>
public enum RejectReason : byte
{
    /// <summary>The payload is larger than <see cref="TelemetryLimits.MaxPayloadBytes"/>.</summary>
    PayloadTooLarge,

    /// <summary>The payload is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The payload is not valid JSON (RFC 8259); nothing of it is stored.</summary>
    InvalidJson,

    /// <summary>The payload, or an item of a batch, is not a JSON object.</summary>
    NotAnObject,

    /// <summary>A batch has more than <see cref="TelemetryLimits.MaxBatchItems"/> items.</summary>
    BatchTooLarge,

    /// <summary>A batch is an empty array.</summary>
    EmptyBatch,

    /// <summary>An item has no <c>values</c> member, or it is empty.</summary>
    MissingValues,

    /// <summary><c>values</c> has more than <see cref="TelemetryLimits.MaxValues"/> members.</summary>
    TooManyValues,

    /// <summary>A value name is not <c>[a-z][a-z0-9_]{0,63}</c>.</summary>
    BadValueName,

    /// <summary>The same value name appears twice in one item.</summary>
    DuplicateValueName,

    /// <summary>A value is an object, an array or null, or <c>values</c>/<c>data</c> is not an object.</summary>
    WrongValueType,

    /// <summary>A number is NaN, ±Infinity, or too large for a double.</summary>
    NonFiniteNumber,

    /// <summary>A text value is longer than <see cref="TelemetryLimits.MaxTextLength"/> characters.</summary>
    TextTooLong,

    /// <summary><c>ts</c> is neither an integer of epoch milliseconds nor an RFC 3339 string, or lies outside the accepted window.</summary>
    BadTimestamp,

    /// <summary><c>seq</c> is not a non-negative integer.</summary>
    BadSeq,

    /// <summary>A member the contract defines (<c>ts</c>, <c>seq</c>, <c>values</c>, <c>type</c>, <c>data</c>) appears twice.</summary>
    DuplicateMember,

    /// <summary>An event has no <c>type</c>.</summary>
    MissingEventType,

    /// <summary>An event's <c>type</c> is not a string matching <c>[a-z][a-z0-9_]{0,63}</c>.</summary>
    BadEventType,
}
