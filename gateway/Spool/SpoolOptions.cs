using Microsoft.Extensions.Options;

namespace ParkCommunity.Gateway.Spool;

/// <summary>What the spool does when a batch would take it past <see cref="SpoolOptions.MaxBytes"/>.</summary>
public enum SpoolFullPolicy
{
    /// <summary>Refuse the batch, so its messages stay unacknowledged and the broker holds the backlog (nothing is lost).</summary>
    StopAcknowledging,

    /// <summary>Delete the oldest segments to make room, counting the records lost (newest data wins).</summary>
    DropOldest,
}

/// <summary>Section <c>Gateway:Spool</c>: the disk spool that holds batches while the telemetry store is down.</summary>
public sealed class SpoolOptions
{
    public const string Section = "Gateway:Spool";

    /// <summary>Folder of the segment files; the host points it at <c>{Gateway:DataDirectory}/spool</c>.</summary>
    public string Directory { get; set; } = "spool";

    /// <summary>Most bytes the spool's segment files may take on disk.</summary>
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>A segment file is closed and a new one started once it would grow past this.</summary>
    public long SegmentBytes { get; set; } = 16L << 20;

    public SpoolFullPolicy WhenFull { get; set; } = SpoolFullPolicy.StopAcknowledging;
}

/// <summary>Reports every problem of <see cref="SpoolOptions"/> at once, each naming its setting.</summary>
internal sealed class SpoolOptionsValidator : IValidateOptions<SpoolOptions>
{
    private const string Prefix = SpoolOptions.Section + ":";
    private const long MinSegmentBytes = 4 * 1024;
    private const long MaxSegmentBytes = 1L << 30;

    public ValidateOptionsResult Validate(string? name, SpoolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            failures.Add($"{Prefix}Directory must name a folder for the spool's segment files.");
        }
        else if (options.Directory.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{Prefix}Directory \"{options.Directory}\" contains characters that are not valid in a path.");
        }

        if (options.SegmentBytes < MinSegmentBytes || options.SegmentBytes > MaxSegmentBytes)
        {
            failures.Add($"{Prefix}SegmentBytes {options.SegmentBytes} must be between {MinSegmentBytes} (4 KiB) and {MaxSegmentBytes} (1 GiB).");
        }

        // Room for at least two segments, so dropping the oldest one frees space while the newest keeps filling.
        if (options.MaxBytes < 2 * options.SegmentBytes)
        {
            failures.Add($"{Prefix}MaxBytes {options.MaxBytes} must be at least twice {Prefix}SegmentBytes ({options.SegmentBytes}).");
        }

        if (!Enum.IsDefined(options.WhenFull))
        {
            failures.Add($"{Prefix}WhenFull must be StopAcknowledging or DropOldest (was {options.WhenFull}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
