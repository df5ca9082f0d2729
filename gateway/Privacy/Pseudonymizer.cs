using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ParkCommunity.Gateway.Hosting;

namespace ParkCommunity.Gateway.Privacy;

/// <summary>
/// Replaces identifiers of residents (card ids, person ids) in event data with a keyed pseudonym —
/// HMAC-SHA256 over site and value with a secret key — before anything is stored or logged. The same card
/// at the same site always gets the same pseudonym (so "denied 5 times" is still visible), but the raw id
/// cannot be recovered without the key. Raw identifiers are never persisted.
/// </summary>
public sealed class Pseudonymizer
{
    public const string Marker = "p:";

    private readonly byte[] _key;
    private readonly HashSet<string> _personalFields;

    public Pseudonymizer(IOptions<PrivacyOptions> options, IOptions<GatewayOptions> gateway)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gateway);
        _key = LoadKey(options.Value, gateway.Value.DataDirectory);
        _personalFields = new HashSet<string>(options.Value.PersonalFields, StringComparer.Ordinal);
    }

    /// <summary>A keyed pseudonym of <paramref name="value"/> at <paramref name="site"/>, e.g. <c>p:3f9a0c…</c>.</summary>
    public string Pseudonym(string site, string value)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(site + "\n" + value));
        return Marker + Convert.ToHexStringLower(mac.AsSpan(0, 12));
    }

    /// <summary>The event data object with every personal member's value pseudonymised, as JSON text.</summary>
    public string ProtectEventData(string site, ReadOnlySpan<byte> dataJson)
    {
        using var document = JsonDocument.Parse(dataJson.ToArray());
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(site, document.RootElement, writer, personal: false);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private void Write(string site, JsonElement element, Utf8JsonWriter writer, bool personal)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in element.EnumerateObject())
                {
                    writer.WritePropertyName(member.Name);
                    Write(site, member.Value, writer, _personalFields.Contains(member.Name));
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(site, item, writer, personal);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String or JsonValueKind.Number when personal:
                writer.WriteStringValue(Pseudonym(site, element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText()));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static byte[] LoadKey(PrivacyOptions options, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.PseudonymKey))
        {
            var configured = Convert.FromBase64String(options.PseudonymKey);
            return configured.Length >= 32
                ? configured
                : throw new OptionsValidationException(PrivacyOptions.Section, typeof(PrivacyOptions),
                    [$"{PrivacyOptions.Section}:PseudonymKey must be at least 32 bytes of base64 (was {configured.Length} bytes)."]);
        }

        var path = Path.Combine(Path.GetFullPath(dataDirectory), "pseudonym.key");
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }
}
