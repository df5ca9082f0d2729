using ParkCommunity.DeviceContract;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Simulators.Faults;

/// <summary>Fault plans resolved to the devices they name, with absolute simulated start and end times.</summary>
internal sealed class FaultSchedule
{
    private static readonly IReadOnlyList<ActiveFault> None = [];
    private readonly Dictionary<string, List<ActiveFault>> _byDevice;

    private FaultSchedule(Dictionary<string, List<ActiveFault>> byDevice) => _byDevice = byDevice;

    public static FaultSchedule Empty { get; } = new([]);

    public int Count => _byDevice.Values.Sum(f => f.Count);

    public IReadOnlyList<ActiveFault> For(string deviceId) => _byDevice.TryGetValue(deviceId, out var faults) ? faults : None;

    /// <summary>
    /// Resolves every plan; a selector that matches no simulated device, or only devices of the wrong
    /// kind, is an error naming the plan's source — a typo must not silently produce a fault-free run.
    /// </summary>
    public static FaultSchedule Resolve(IEnumerable<FaultPlan> plans, IReadOnlyList<RegisteredDevice> devices, DateTimeOffset simulationStart)
    {
        var byDevice = new Dictionary<string, List<ActiveFault>>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            var onlyFor = plan.Kind.OnlyFor();
            foreach (var selector in plan.Devices)
            {
                var matched = devices.Where(d => Matches(selector, d.Id)).ToList();
                if (matched.Count == 0)
                {
                    throw new ScenarioException(plan.Source, $"'{selector}' matches no simulated device");
                }

                var suitable = matched.Where(d => onlyFor is null || d.Kind == onlyFor).ToList();
                if (suitable.Count == 0)
                {
                    throw new ScenarioException(plan.Source, $"{plan.Kind.Name()} applies to {onlyFor} devices only, but '{selector}' matches {matched[0].Kind} devices");
                }

                foreach (var device in suitable)
                {
                    var field = plan.Kind == FaultKind.Drift ? DriftField(plan, device) : plan.Parameters.Field;
                    var start = simulationStart + plan.At;
                    var fault = new ActiveFault(plan.Kind, start, plan.For is { } length ? start + length : null, plan.Parameters, field);
                    if (!byDevice.TryGetValue(device.Id, out var list))
                    {
                        byDevice[device.Id] = list = [];
                    }

                    list.Add(fault);
                }
            }
        }

        return new FaultSchedule(byDevice);
    }

    private static string DriftField(FaultPlan plan, RegisteredDevice device) =>
        plan.Parameters.Field ?? device.Kind switch
        {
            DeviceKinds.Light => "lux",
            DeviceKinds.Park => "pm25_ugm3",
            DeviceKinds.Parking => "ev_charging_kw",
            _ => throw new ScenarioException(plan.Source, $"drift on {device.Kind} device {device.Id} needs field=NAME (a numeric value it reports)"),
        };

    private static bool Matches(string selector, string id) =>
        selector.EndsWith('*')
            ? id.StartsWith(selector[..^1], StringComparison.Ordinal)
            : string.Equals(selector, id, StringComparison.Ordinal);
}
