using System.Globalization;

namespace ParkCommunity.Gateway.Spool;

/// <summary>
/// One segment file, <c>spool-000000000001.seg</c>: records appended back to back. The number orders
/// segments oldest first. Consumption is tracked in memory only (see <see cref="DiskSpool"/>).
/// </summary>
internal sealed class SpoolSegment(long number, string path) : IDisposable
{
    private const string Prefix = "spool-";
    private const string Extension = ".seg";

    public long Number { get; } = number;

    public string Path { get; } = path;

    /// <summary>Bytes of whole, checked records.</summary>
    public long Length { get; set; }

    public long Records { get; set; }

    /// <summary>Where the next record to replay starts.</summary>
    public long ConsumedOffset { get; set; }

    public long ConsumedRecords { get; set; }

    public long PendingBytes => Length - ConsumedOffset;

    public long PendingRecords => Records - ConsumedRecords;

    /// <summary>The replayer's handle, opened on first read. Shares delete so dropping a segment never waits for it.</summary>
    public FileStream Reader => _reader ??= new FileStream(
        Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.RandomAccess);

    private FileStream? _reader;

    /// <summary>
    /// Reads and checks the record at <paramref name="offset"/>; its payload is returned in <paramref name="buffer"/>.
    /// Throws <see cref="InvalidDataException"/> if the file no longer holds what was checked or appended.
    /// </summary>
    public ReadOnlySpan<byte> ReadRecord(long offset, ref byte[] buffer)
    {
        Span<byte> header = stackalloc byte[SpoolRecord.HeaderBytes];
        if (RandomAccess.Read(Reader.SafeFileHandle, header, offset) != header.Length)
        {
            throw new InvalidDataException("header cut short");
        }

        if (SpoolRecord.PayloadLength(header, Length - offset - SpoolRecord.HeaderBytes, out var problem) is not { } length)
        {
            throw new InvalidDataException(problem);
        }

        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
        }

        var payload = buffer.AsSpan(0, length);
        if (RandomAccess.Read(Reader.SafeFileHandle, payload, offset + SpoolRecord.HeaderBytes) != length
            || !SpoolRecord.ChecksumMatches(header, payload))
        {
            throw new InvalidDataException("checksum mismatch");
        }

        return payload;
    }

    public static string FileName(long number) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{number:D12}{Extension}");

    public static bool TryParseNumber(string fileName, out long number)
    {
        number = 0;
        return fileName.StartsWith(Prefix, StringComparison.Ordinal)
            && fileName.EndsWith(Extension, StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(Prefix.Length, fileName.Length - Prefix.Length - Extension.Length),
                NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _reader = null;
    }
}
