namespace ParkCommunity.DeviceContract.Topics;

/// <summary>
/// A parsed device topic, <c>{prefix}/{site}/{kind}/{device}/{channel}</c>. Holds the topic string and
/// the ranges of its segments, so parsing a valid topic allocates nothing; the segments are read as spans.
/// </summary>
public readonly struct DeviceTopic
{
    private const int SegmentPreviewLength = 64;
    private readonly string _topic;
    private readonly Range _site;
    private readonly Range _kind;
    private readonly Range _device;

    private DeviceTopic(string topic, Range site, Range kind, Range device, TopicChannel channel)
    {
        _topic = topic;
        _site = site;
        _kind = kind;
        _device = device;
        Channel = channel;
    }

    /// <summary>The whole topic the segments point into.</summary>
    public string Topic => _topic ?? string.Empty;

    public ReadOnlySpan<char> Site => Topic.AsSpan()[_site];

    public ReadOnlySpan<char> Kind => Topic.AsSpan()[_kind];

    public ReadOnlySpan<char> Device => Topic.AsSpan()[_device];

    public TopicChannel Channel { get; }

    /// <summary>Whether <paramref name="prefix"/> can be a topic prefix: one segment, <c>[A-Za-z0-9_-]{1,64}</c>.</summary>
    public static bool IsValidPrefix(string? prefix) => prefix is not null && ContractNames.IsValidId(prefix);

    /// <summary>
    /// Parses <paramref name="topic"/> against the contract's layout under <paramref name="prefix"/>.
    /// On failure <paramref name="error"/> says which rule broke and names the segment.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="prefix"/> is not a valid prefix: a configuration error, not bad input.</exception>
    public static bool TryParse(string topic, string prefix, out DeviceTopic result, out TopicError error)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ThrowIfBadPrefix(prefix);
        result = default;
        var span = topic.AsSpan();
        if (!span.StartsWith(prefix, StringComparison.Ordinal) || span.Length == prefix.Length || span[prefix.Length] != '/')
        {
            error = new TopicError(TopicErrorKind.WrongPrefix, $"topic \"{Preview(span)}\" does not start with \"{prefix}/\"");
            return false;
        }

        // Split the four segments after the prefix into ranges; a fifth '/' means too many segments.
        Span<Range> segments = stackalloc Range[5];
        var rest = span[(prefix.Length + 1)..];
        var count = rest.Split(segments, '/');
        if (count != 4)
        {
            error = new TopicError(
                TopicErrorKind.WrongSegmentCount,
                $"topic \"{Preview(span)}\" must have the form {prefix}/{{site}}/{{kind}}/{{device}}/{{telemetry|event|status}}");
            return false;
        }

        var offset = prefix.Length + 1;
        var site = Shift(segments[0], offset, rest.Length);
        var kind = Shift(segments[1], offset, rest.Length);
        var device = Shift(segments[2], offset, rest.Length);
        if (!ContractNames.IsValidId(span[site]))
        {
            error = new TopicError(TopicErrorKind.BadSite, $"site \"{Preview(span[site])}\" must match [A-Za-z0-9_-]{{1,64}}");
            return false;
        }

        if (!ContractNames.IsValidKind(span[kind]))
        {
            error = new TopicError(TopicErrorKind.BadKind, $"kind \"{Preview(span[kind])}\" must match [a-z][a-z0-9_]{{0,31}}");
            return false;
        }

        if (!ContractNames.IsValidId(span[device]))
        {
            error = new TopicError(TopicErrorKind.BadDevice, $"device \"{Preview(span[device])}\" must match [A-Za-z0-9_-]{{1,64}}");
            return false;
        }

        var channelSegment = rest[segments[3]];
        if (!TryParseChannel(channelSegment, out var channel))
        {
            error = new TopicError(TopicErrorKind.UnknownChannel, $"channel \"{Preview(channelSegment)}\" must be telemetry, event or status");
            return false;
        }

        result = new DeviceTopic(topic, site, kind, device, channel);
        error = default;
        return true;
    }

    /// <summary>Builds a device topic; throws <see cref="ArgumentException"/> naming the argument that breaks the contract.</summary>
    public static string Format(string prefix, string site, string kind, string device, TopicChannel channel)
    {
        ThrowIfBadPrefix(prefix);
        ThrowIfInvalid(ContractNames.IsValidId(site), site, nameof(site), "[A-Za-z0-9_-]{1,64}");
        ThrowIfInvalid(ContractNames.IsValidKind(kind), kind, nameof(kind), "[a-z][a-z0-9_]{0,31}");
        ThrowIfInvalid(ContractNames.IsValidId(device), device, nameof(device), "[A-Za-z0-9_-]{1,64}");
        return $"{prefix}/{site}/{kind}/{device}/{ChannelSegment(channel)}";
    }

    /// <summary>The subscription filter matching every device topic under <paramref name="prefix"/>: <c>{prefix}/+/+/+/+</c>.</summary>
    public static string AllFilter(string prefix)
    {
        ThrowIfBadPrefix(prefix);
        return $"{prefix}/+/+/+/+";
    }

    /// <summary>The topic segment of <paramref name="channel"/>.</summary>
    public static string ChannelSegment(TopicChannel channel) => channel switch
    {
        TopicChannel.Telemetry => "telemetry",
        TopicChannel.Event => "event",
        TopicChannel.Status => "status",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "not a topic channel"),
    };

    public override string ToString() => Topic;

    private static bool TryParseChannel(ReadOnlySpan<char> segment, out TopicChannel channel)
    {
        switch (segment)
        {
            case "telemetry":
                channel = TopicChannel.Telemetry;
                return true;
            case "event":
                channel = TopicChannel.Event;
                return true;
            case "status":
                channel = TopicChannel.Status;
                return true;
            default:
                channel = default;
                return false;
        }
    }

    private static Range Shift(Range segment, int offset, int length)
    {
        var (start, count) = segment.GetOffsetAndLength(length);
        return new Range(start + offset, start + offset + count);
    }

    // A topic may be up to 64 KiB; reasons quote only its beginning so dead letters and logs stay readable.
    private static string Preview(ReadOnlySpan<char> text) =>
        text.Length <= SegmentPreviewLength ? text.ToString() : string.Concat(text[..SegmentPreviewLength], "…");

    private static void ThrowIfBadPrefix(string prefix)
    {
        if (!IsValidPrefix(prefix))
        {
            throw new ArgumentException($"The topic prefix \"{prefix}\" must be one segment matching [A-Za-z0-9_-]{{1,64}}.", nameof(prefix));
        }
    }

    private static void ThrowIfInvalid(bool valid, string value, string name, string rule)
    {
        if (!valid)
        {
            throw new ArgumentException($"The {name} \"{value}\" must match {rule}.", name);
        }
    }
}
