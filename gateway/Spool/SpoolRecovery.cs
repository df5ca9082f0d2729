using Microsoft.Extensions.Logging;

namespace ParkCommunity.Gateway.Spool;

/// <summary>
/// Start-up check of the spool folder: every segment is read through, a torn or corrupt tail is cut
/// off and reported (the records before it are kept), and segments left with no records are deleted.
/// A torn tail never fails start-up — it is what a crash mid-append leaves behind.
/// </summary>
internal static class SpoolRecovery
{
    public static (List<SpoolSegment> Segments, int Torn) ScanFolder(string directory, ILogger logger, SpoolMetrics metrics)
    {
        var found = new List<(long Number, string Path)>();
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            if (SpoolSegment.TryParseNumber(Path.GetFileName(path), out var number))
            {
                found.Add((number, path));
            }
        }

        found.Sort((a, b) => a.Number.CompareTo(b.Number));
        var segments = new List<SpoolSegment>();
        var torn = 0;
        var buffer = new byte[64 * 1024];
        foreach (var (number, path) in found)
        {
            using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
            {
                var (goodBytes, records, problem) = SpoolRecord.Scan(file, ref buffer);
                if (problem is not null)
                {
                    SpoolLog.TornRecord(logger, path, goodBytes, problem, file.Length - goodBytes);
                    metrics.TornRecordFound();
                    torn++;
                    file.SetLength(goodBytes);
                    file.Flush(flushToDisk: true);
                }

                if (records > 0)
                {
                    segments.Add(new SpoolSegment(number, path) { Length = goodBytes, Records = records });
                    continue;
                }
            }

            File.Delete(path);
        }

        return (segments, torn);
    }
}
