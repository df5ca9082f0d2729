using System.Text;

namespace ParkCommunity.Simulators.Simulation;

/// <summary>
/// The ways real devices break the contract: cut-off JSON, binary noise, an invalid value name, an empty
/// <c>values</c> object, and a text <c>ts</c> that is not RFC 3339. Each must be dead-lettered, not stored.
/// </summary>
internal static class MalformedPayloads
{
    public const int Variants = 5;

    public static byte[] Create(int variant, byte[] valid, long seq) => (variant % Variants) switch
    {
        0 => valid[..Math.Max(1, valid.Length / 2)],
        1 => [0xff, 0xfe, 0x00, 0x42, 0x13, 0x37],
        2 => Encoding.UTF8.GetBytes($$$"""{"seq":{{{seq}}},"values":{"Bad Name!":1}}"""),
        3 => Encoding.UTF8.GetBytes($$$"""{"seq":{{{seq}}},"values":{}}"""),
        _ => Encoding.UTF8.GetBytes($$$"""{"ts":"yesterday","seq":{{{seq}}},"values":{"x":1}}"""),
    };
}
