using System.Buffers.Binary;
using System.Numerics;

namespace ParkCommunity.Gateway.Spool;

/// <summary>
/// The framing of one spooled batch: <c>[u32 length][u32 crc][payload]</c>, little endian. The CRC-32C
/// covers the length bytes and the payload, so a torn write (crash mid-append) or a flipped bit is
/// caught before a record is trusted.
/// </summary>
internal static class SpoolRecord
{
    public const int HeaderBytes = 8;

    /// <summary>No batch comes near this; a larger length can only be garbage.</summary>
    public const int MaxPayloadBytes = 512 * 1024 * 1024;

    public static void WriteHeader(Span<byte> header, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Checksum(header[..4], payload));
    }

    /// <summary>The payload length the header announces, or null (with a reason) if it cannot be a record in the bytes left.</summary>
    public static int? PayloadLength(ReadOnlySpan<byte> header, long bytesLeftAfterHeader, out string? problem)
    {
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        problem = length switch
        {
            0 => "zero length",
            > MaxPayloadBytes => $"impossible length {length}",
            _ when length > bytesLeftAfterHeader => $"length {length} runs past the end of the file",
            _ => null,
        };
        return problem is null ? (int)length : null;
    }

    public static bool ChecksumMatches(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload) =>
        BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) == Checksum(header[..4], payload);

    /// <summary>
    /// Reads the segment from the start and returns how many bytes hold whole, checked records; the
    /// first bad record (torn or corrupt) ends the good part, as nothing after it can be framed reliably.
    /// </summary>
    public static (long GoodBytes, long Records, string? Problem) Scan(FileStream file, ref byte[] buffer)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        long offset = 0;
        long records = 0;
        var length = file.Length;
        file.Position = 0;
        while (offset < length)
        {
            if (length - offset < HeaderBytes)
            {
                return (offset, records, $"header cut short, {length - offset} of {HeaderBytes} bytes");
            }

            file.ReadExactly(header);
            if (PayloadLength(header, length - offset - HeaderBytes, out var problem) is not { } payloadLength)
            {
                return (offset, records, problem);
            }

            if (buffer.Length < payloadLength)
            {
                buffer = new byte[Math.Max(payloadLength, buffer.Length * 2)];
            }

            var payload = buffer.AsSpan(0, payloadLength);
            file.ReadExactly(payload);
            if (!ChecksumMatches(header, payload))
            {
                return (offset, records, "checksum mismatch");
            }

            offset += HeaderBytes + payloadLength;
            records++;
        }

        return (offset, records, null);
    }

    /// <summary>CRC-32C (Castagnoli); <see cref="BitOperations.Crc32C(uint, ulong)"/> uses the CPU instruction where there is one.</summary>
    private static uint Checksum(ReadOnlySpan<byte> lengthBytes, ReadOnlySpan<byte> payload) =>
        ~Update(Update(uint.MaxValue, lengthBytes), payload);

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }
}
