namespace ParkCommunity.Gateway.Privacy;

/// <summary>Section <c>Gateway:Privacy</c>.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Gateway:Privacy";

    /// <summary>
    /// Base64 key (at least 32 bytes) for the keyed pseudonyms of card and person ids. When empty, a random key
    /// is made once and kept in <c>{DataDirectory}/pseudonym.key</c>, so pseudonyms stay stable across restarts.
    /// Several gateways of one site must share the key.
    /// </summary>
    public string? PseudonymKey { get; set; }

    /// <summary>Event data members whose values identify a resident and are replaced by a pseudonym.</summary>
    public List<string> PersonalFields { get; set; } = ["card_id", "card", "person_id", "person", "resident_id", "phone"];
}
