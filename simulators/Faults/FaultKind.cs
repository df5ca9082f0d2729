using ParkCommunity.DeviceContract;

namespace ParkCommunity.Simulators.Faults;

/// <summary>The faults a simulated device can be told to show; each has a telemetry signature (see docs/simulators.md).</summary>
public enum FaultKind
{
    /// <summary>Light: the controller reports <c>on</c> but the lamp draws no power.</summary>
    LampFailure,

    /// <summary>Light: while it should be lit, <c>on</c> alternates between readings.</summary>
    Flicker,

    /// <summary>Every value repeats the reading taken when the fault began.</summary>
    StuckSensor,

    /// <summary>One numeric value gains a growing offset (<c>per_hour</c> units per hour).</summary>
    Drift,

    /// <summary>The device publishes nothing (it stays connected, so no last will fires).</summary>
    Silent,

    /// <summary>Timestamps are off by <c>skew</c>.</summary>
    ClockSkew,

    /// <summary>Access: the door stays open; one <c>door_held_open</c> event with the last card.</summary>
    DoorHeldOpen,

    /// <summary>Access: the door opens without a card; one <c>door_forced</c> event.</summary>
    DoorForced,

    /// <summary>The device publishes <c>factor</c> times its normal rate.</summary>
    Flood,

    /// <summary>A fraction <c>rate</c> of the device's payloads break the contract.</summary>
    Malformed,
}

internal static class FaultKinds
{
    private static readonly Dictionary<string, FaultKind> ByName = Enum.GetValues<FaultKind>().ToDictionary(Name);

    public static IEnumerable<string> Names => ByName.Keys;

    /// <summary>The snake_case name used in scenario files, on the command line and in the ground-truth log.</summary>
    public static string Name(this FaultKind kind) => kind switch
    {
        FaultKind.LampFailure => "lamp_failure",
        FaultKind.Flicker => "flicker",
        FaultKind.StuckSensor => "stuck_sensor",
        FaultKind.Drift => "drift",
        FaultKind.Silent => "silent",
        FaultKind.ClockSkew => "clock_skew",
        FaultKind.DoorHeldOpen => "door_held_open",
        FaultKind.DoorForced => "door_forced",
        FaultKind.Flood => "flood",
        FaultKind.Malformed => "malformed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string name, out FaultKind kind) => ByName.TryGetValue(name.Trim(), out kind);

    /// <summary>Faults that only make sense for one device kind; the rest apply to any device.</summary>
    public static string? OnlyFor(this FaultKind kind) => kind switch
    {
        FaultKind.LampFailure or FaultKind.Flicker => DeviceKinds.Light,
        FaultKind.DoorHeldOpen or FaultKind.DoorForced => DeviceKinds.Access,
        _ => null,
    };
}
