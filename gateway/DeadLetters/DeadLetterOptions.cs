using System.ComponentModel.DataAnnotations;

namespace ParkCommunity.Gateway.DeadLetters;

/// <summary>Section <c>Gateway:DeadLetters</c>.</summary>
public sealed class DeadLetterOptions
{
    public const string Section = "Gateway:DeadLetters";

    /// <summary>How many bytes of a dead-lettered payload are kept (the full length is always recorded).</summary>
    [Range(0, 1_048_576)]
    public int MaxPayloadBytes { get; set; } = 8_192;
}
