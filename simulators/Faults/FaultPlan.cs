namespace ParkCommunity.Simulators.Faults;

/// <summary>
/// A fault as written in a scenario file or given with <c>--fault</c>: which devices (ids, or patterns
/// ending in <c>*</c>), when (offset from the simulation's start) and for how long (open-ended when
/// <see cref="For"/> is null). <see cref="Source"/> says where it was written, for error messages.
/// </summary>
internal sealed record FaultPlan(FaultKind Kind, IReadOnlyList<string> Devices, TimeSpan At, TimeSpan? For, FaultParameters Parameters, string Source);

/// <summary>Settings of a fault; each kind uses the ones it needs, the others keep their defaults.</summary>
internal sealed record FaultParameters
{
    /// <summary>Malformed: share of payloads to break, 0–1.</summary>
    public double Rate { get; init; } = 0.5;

    /// <summary>Flood: how many times the normal rate.</summary>
    public int Factor { get; init; } = 20;

    /// <summary>Clock skew: added to every timestamp (may be negative).</summary>
    public TimeSpan Skew { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Drift: change of the value per hour of fault.</summary>
    public double PerHour { get; init; } = 5;

    /// <summary>Drift: the value that drifts; by default the kind's main measurement.</summary>
    public string? Field { get; init; }
}

/// <summary>A fault resolved to one device with absolute simulated times.</summary>
internal sealed record ActiveFault(FaultKind Kind, DateTimeOffset Start, DateTimeOffset? End, FaultParameters Parameters, string? Field)
{
    public bool IsActive(DateTimeOffset at) => at >= Start && (End is null || at < End);
}
