using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ParkCommunity.CaseSystem.Notifications;

/// <summary>
/// The webhook signature: <c>sha256=</c> + lower-case hex of HMAC-SHA256, keyed with the webhook's secret (UTF-8),
/// over <c>{timestamp}.{raw body}</c>, where timestamp is the <c>X-ParkCommunity-Timestamp</c> header (Unix seconds).
/// Signing the timestamp lets a receiver refuse replays older than a few minutes.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-ParkCommunity-Signature";
    public const string TimestampHeader = "X-ParkCommunity-Timestamp";
    public const string EventHeader = "X-ParkCommunity-Event";
    public const string DeliveryHeader = "X-ParkCommunity-Delivery";
    private const string Scheme = "sha256=";

    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>Checks a received signature in constant time.</summary>
    public static bool Verify(string secret, long timestamp, ReadOnlySpan<byte> body, string? signature)
    {
        if (signature is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
