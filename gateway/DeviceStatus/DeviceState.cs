namespace ParkCommunity.Gateway.DeviceStatus;

/// <summary>
/// What the gateway knows of one device's liveness: when it was last heard from (any message) and
/// what it last said on its status channel (<c>online</c>, or <c>offline</c> — also its last will).
/// Updated lock-free on the hot path; read by the status persister and the CLI.
/// </summary>
public sealed class DeviceState(string deviceId, string site, string kind)
{
    private long _lastSeenMs;
    private long _statusAtMs;
    private int _reported; // 0 = never reported, 1 = online, 2 = offline
    private int _dirty;

    public string DeviceId { get; } = deviceId;
    public string Site { get; } = site;
    public string Kind { get; } = kind;

    /// <summary>Gaps and duplicates in the device's <c>seq</c> numbers.</summary>
    public SequenceTracker Sequence { get; } = new();

    public DateTimeOffset? LastSeen => Volatile.Read(ref _lastSeenMs) is var ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>The last status the device reported, or null if it never did.</summary>
    public bool? ReportedOnline => Volatile.Read(ref _reported) switch { 1 => true, 2 => false, _ => null };

    public DateTimeOffset? StatusChangedAt => Volatile.Read(ref _statusAtMs) is var ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public void Seen(long atMs)
    {
        Volatile.Write(ref _lastSeenMs, atMs);
        Volatile.Write(ref _dirty, 1);
    }

    public void Reported(bool online, long atMs)
    {
        Volatile.Write(ref _reported, online ? 1 : 2);
        Volatile.Write(ref _statusAtMs, atMs);
        Volatile.Write(ref _dirty, 1);
    }

    /// <summary>True once per change: lets the persister write only devices that changed.</summary>
    public bool TakeDirty() => Interlocked.Exchange(ref _dirty, 0) == 1;
}
