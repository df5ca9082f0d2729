using System.Text;

namespace ParkCommunity.DeviceContract.Json;

/// <summary>
/// Turns short UTF-8 strings into shared <see cref="string"/> instances, so the same value names and
/// short texts ("auto") arriving in every message allocate nothing after the first time. Bounded: once
/// <see cref="Capacity"/> distinct strings are held, new ones are allocated and not remembered, so a device
/// sending ever-new names costs allocations but cannot grow the table. Not thread-safe.
/// </summary>
internal sealed class Utf8Interner
{
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public Utf8Interner(int capacity, int maxBytes)
    {
        // Strings are transcoded on the stack; the callers intern names and short texts only.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBytes, 1024);
        Capacity = capacity;
        MaxBytes = maxBytes;
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Capacity { get; }

    /// <summary>Longest string, in UTF-8 bytes, the table takes; longer ones are always allocated.</summary>
    public int MaxBytes { get; }

    public int Count => _strings.Count;

    /// <summary>The string of <paramref name="utf8"/>, which must be valid UTF-8 (the parsers check the payload up front).</summary>
    public string Intern(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        if (utf8.Length > MaxBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        // UTF-8 never needs more UTF-16 chars than bytes.
        Span<char> chars = stackalloc char[utf8.Length];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var text = chars[..length];
        if (_lookup.TryGetValue(text, out var known))
        {
            return known;
        }

        var created = text.ToString();
        if (_strings.Count < Capacity)
        {
            _strings.Add(created);
        }

        return created;
    }
}
