using System.Security.Cryptography;

namespace ParkCommunity.Gateway.Tests.Broker;

/// <summary>
/// Hashes a secret the way <c>mosquitto_passwd</c> does (<c>$7$iterations$salt$hash</c>, PBKDF2-SHA512), written from
/// mosquitto's format rather than from our verifier, so the tests also check that the two agree.
/// </summary>
internal static class MosquittoHash
{
    public static string Of(string secret)
    {
        const int iterations = 101; // mosquitto_passwd's own default
        var salt = RandomNumberGenerator.GetBytes(12);
        var hash = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA512, 64);
        return $"$7${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }
}
