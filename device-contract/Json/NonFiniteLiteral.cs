using System.Text;

namespace ParkCommunity.DeviceContract.Json;

/// <summary>
/// JSON (RFC 8259 §6) has no literals for NaN or infinity, so <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>
/// — which many device JSON libraries emit for a broken sensor — make the reader throw. Looking at the bytes
/// where it stopped lets us tell the device the real problem (NonFiniteNumber) instead of "invalid JSON".
/// </summary>
internal static class NonFiniteLiteral
{
    private const int MaxLiteralBytes = 16;
    private static readonly System.Buffers.SearchValues<byte> Delimiters = System.Buffers.SearchValues.Create(",}] \t\r\n"u8);

    /// <summary>The NaN/Infinity literal at <paramref name="position"/>, as written, or null if there is none.</summary>
    public static string? At(ReadOnlySpan<byte> payload, long position)
    {
        if (position < 0 || position >= payload.Length)
        {
            return null;
        }

        var rest = payload[(int)position..];
        var unsigned = rest[0] is (byte)'-' or (byte)'+' ? rest[1..] : rest;
        if (!unsigned.StartsWith("NaN"u8) && !unsigned.StartsWith("nan"u8)
            && !unsigned.StartsWith("Inf"u8) && !unsigned.StartsWith("inf"u8))
        {
            return null;
        }

        var end = rest.IndexOfAny(Delimiters);
        var literal = end < 0 ? rest : rest[..end];
        return Encoding.UTF8.GetString(literal[..Math.Min(literal.Length, MaxLiteralBytes)]);
    }
}
