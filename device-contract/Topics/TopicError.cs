namespace ParkCommunity.DeviceContract.Topics;

/// <summary>Which rule of the topic layout a topic broke.</summary>
public enum TopicErrorKind : byte
{
    None,

    /// <summary>The topic does not start with the configured prefix segment.</summary>
    WrongPrefix,

    /// <summary>Not exactly <c>{prefix}/{site}/{kind}/{device}/{channel}</c>: too few or too many segments.</summary>
    WrongSegmentCount,

    /// <summary>The site segment is not <c>[A-Za-z0-9_-]{1,64}</c>.</summary>
    BadSite,

    /// <summary>The kind segment is not <c>[a-z][a-z0-9_]{0,31}</c>.</summary>
    BadKind,

    /// <summary>The device segment is not <c>[A-Za-z0-9_-]{1,64}</c>.</summary>
    BadDevice,

    /// <summary>The channel segment is not <c>telemetry</c>, <c>event</c> or <c>status</c>.</summary>
    UnknownChannel,
}

/// <summary>Why a topic is not a device topic: the broken rule and a sentence naming the offending segment.</summary>
public readonly struct TopicError : IEquatable<TopicError>
{
    private readonly string? _reason;

    public TopicError(TopicErrorKind kind, string reason)
    {
        Kind = kind;
        _reason = reason;
    }

    public TopicErrorKind Kind { get; }

    public string Reason => _reason ?? string.Empty;

    public static bool operator ==(TopicError left, TopicError right) => left.Equals(right);

    public static bool operator !=(TopicError left, TopicError right) => !left.Equals(right);

    public bool Equals(TopicError other) => Kind == other.Kind && string.Equals(Reason, other.Reason, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is TopicError other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, Reason);

    /// <summary>The reason, ready to be logged or dead-lettered.</summary>
    public override string ToString() => Reason;
}
