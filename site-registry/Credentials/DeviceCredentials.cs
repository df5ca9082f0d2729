using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ParkCommunity.SiteRegistry;

/// <summary>
/// Device secrets as salted PBKDF2-HMAC-SHA512 hashes in mosquitto's <c>$7$</c> format
/// (<c>$7$iterations$base64(salt, 12 bytes)$base64(hash, 64 bytes)</c>, as <c>mosquitto_passwd</c> writes
/// them), so one registry serves the in-process broker and a mosquitto password file alike.
/// </summary>
public static class DeviceCredentials
{
    public const int DefaultIterations = 1_000;
    private const string Prefix = "$7$";
    private const int SaltBytes = 12;
    private const int HashBytes = 64;

    public static string Hash(string secret, int iterations = DefaultIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>True when <paramref name="secret"/> matches <paramref name="encoded"/>; false for a wrong secret or a malformed hash.</summary>
    public static bool Verify(string? secret, string encoded)
    {
        if (string.IsNullOrEmpty(secret) || !TryDecode(encoded, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    public static bool IsWellFormed(string? encoded) => TryDecode(encoded, out _, out _, out _);

    private static bool TryDecode(string? encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        if (encoded is null || !encoded.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = encoded[Prefix.Length..].Split('$');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1
            || !TryBase64(parts[1], out salt) || salt.Length == 0
            || !TryBase64(parts[2], out hash) || hash.Length != HashBytes)
        {
            return false;
        }

        return true;
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[text.Length];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
