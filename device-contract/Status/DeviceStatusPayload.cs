namespace ParkCommunity.DeviceContract.Status;

/// <summary>
/// The status payload: <c>online</c> or <c>offline</c>, plain text, retained; a device sets <c>offline</c> as its
/// last will so the broker reports it when the connection drops. Named <c>…Payload</c> rather than
/// <c>DeviceStatus</c> so it does not collide with the gateway's <c>DeviceStatus</c> namespace.
/// </summary>
public static class DeviceStatusPayload
{
    public static ReadOnlySpan<byte> Online => "online"u8;

    public static ReadOnlySpan<byte> Offline => "offline"u8;

    /// <summary>Reads <c>online</c> or <c>offline</c> (case-sensitive; surrounding ASCII whitespace ignored).</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out bool online)
    {
        var value = payload.Trim(" \t\r\n"u8);
        online = value.SequenceEqual(Online);
        return online || value.SequenceEqual(Offline);
    }
}
