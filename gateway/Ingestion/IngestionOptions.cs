using System.ComponentModel.DataAnnotations;

namespace ParkCommunity.Gateway.Ingestion;

/// <summary>What to do with a message from a device the registry does not know.</summary>
public enum UnknownDevicePolicy
{
    /// <summary>Dead-letter it with reason UnknownDevice (the default: a registry is the source of truth).</summary>
    Reject,

    /// <summary>Store it under grid and zone "unassigned" so it can be adopted later.</summary>
    AcceptAsUnassigned,
}

/// <summary>Section <c>Gateway:Ingestion</c>.</summary>
public sealed class IngestionOptions
{
    public const string Section = "Gateway:Ingestion";

    /// <summary>A batch is written once it holds this many points…</summary>
    [Range(1, 100_000)]
    public int MaxBatchPoints { get; set; } = 5_000;

    /// <summary>…or once its first point has waited this long. Also the longest a device waits for its PUBACK when idle.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Points held in memory, waiting to be written, before receiving slows down (the broker holds the rest).</summary>
    [Range(1, 10_000_000)]
    public int MaxBufferedPoints { get; set; } = 50_000;

    public UnknownDevicePolicy UnknownDevices { get; set; } = UnknownDevicePolicy.Reject;

    /// <summary>Longest pause between retries of a failed store write.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
