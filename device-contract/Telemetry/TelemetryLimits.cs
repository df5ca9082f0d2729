namespace ParkCommunity.DeviceContract.Telemetry;

/// <summary>The size limits of the telemetry contract. The defaults are the published contract; lower them, never raise them for one site.</summary>
public sealed record TelemetryLimits
{
    public static TelemetryLimits Default { get; } = new();

    /// <summary>Largest payload in bytes (64 KiB).</summary>
    public int MaxPayloadBytes { get; init; } = 65_536;

    /// <summary>Most items in one batch (JSON array).</summary>
    public int MaxBatchItems { get; init; } = 500;

    /// <summary>Most members of one item's <c>values</c>.</summary>
    public int MaxValues { get; init; } = 64;

    /// <summary>Longest text value, in UTF-16 characters.</summary>
    public int MaxTextLength { get; init; } = 256;

    /// <summary>Longest value name; names also have to match <c>[a-z][a-z0-9_]*</c>.</summary>
    public int MaxNameLength { get; init; } = ContractNames.MaxValueNameLength;

    /// <summary>Every limit that is out of range, each naming its property; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        Check(failures, MaxPayloadBytes, 1, int.MaxValue / 8, nameof(MaxPayloadBytes));
        Check(failures, MaxBatchItems, 1, 100_000, nameof(MaxBatchItems));
        Check(failures, MaxValues, 1, 1_024, nameof(MaxValues));
        Check(failures, MaxTextLength, 0, 1_000_000, nameof(MaxTextLength));
        Check(failures, MaxNameLength, 1, ContractNames.MaxValueNameLength, nameof(MaxNameLength));
        return failures;
    }

    private static void Check(List<string> failures, int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            failures.Add($"{name} must be between {min} and {max}, but is {value}.");
        }
    }
}
