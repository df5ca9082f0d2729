using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.SiteRegistry;
using ParkCommunity.Simulators.Behaviour;
using ParkCommunity.Simulators.Faults;

namespace ParkCommunity.Simulators.Simulation;

/// <summary>
/// One simulated device, independent of MQTT: each <see cref="Tick"/> asks the behaviour model for a
/// reading at a simulated time, applies the faults active then (recording each in the ground truth the
/// first time it shows), and returns the messages to publish. Faults draw from their own random source,
/// so a faulty run's untouched readings equal a clean run's with the same seed.
/// </summary>
internal sealed class DeviceSimulator
{
    private readonly IBehaviourModel _model;
    private readonly IReadOnlyList<ActiveFault> _faults;
    private readonly GroundTruthLog _groundTruth;
    private readonly Random _faultRandom;
    private readonly HashSet<ActiveFault> _recorded = [];
    private readonly Dictionary<ActiveFault, List<TelemetryField>> _stuckValues = [];
    private readonly HashSet<ActiveFault> _announced = [];
    private string _lastCardId = "card-00001";
    private long _seq;
    private bool _flickerLit;

    public DeviceSimulator(RegisteredDevice device, int seed, IReadOnlyList<ActiveFault> faults, GroundTruthLog groundTruth)
    {
        Device = device;
        _model = BehaviourModels.Create(device, SiteTime.For(device.Site), new Random(StableSeed.For(seed, device.Id)));
        _faultRandom = new Random(StableSeed.For(seed, device.Id, "faults"));
        _faults = faults;
        _groundTruth = groundTruth;
    }

    public RegisteredDevice Device { get; }

    public IReadOnlyList<OutgoingMessage> Tick(DateTimeOffset at)
    {
        var reading = _model.Next(at);
        RememberCard(reading);
        var active = _faults.Where(f => f.IsActive(at)).ToList();
        foreach (var fault in active.Where(_recorded.Add))
        {
            _groundTruth.Record(new GroundTruthEntry(Device.Id, Device.Kind, fault.Kind.Name(), fault.Start, fault.End));
        }

        if (active.Any(f => f.Kind == FaultKind.Silent))
        {
            return [];
        }

        foreach (var fault in active)
        {
            Apply(fault, reading, at);
        }

        var ts = at + active.Where(f => f.Kind == FaultKind.ClockSkew).Aggregate(TimeSpan.Zero, (sum, f) => sum + f.Parameters.Skew);
        var copies = active.Where(f => f.Kind == FaultKind.Flood).Select(f => f.Parameters.Factor).DefaultIfEmpty(1).Max();
        var malformedRate = active.Where(f => f.Kind == FaultKind.Malformed).Select(f => f.Parameters.Rate).DefaultIfEmpty(0).Max();

        var messages = new List<OutgoingMessage>(copies + reading.Events.Count);
        for (var copy = 0; copy < copies; copy++)
        {
            // Flood copies get distinct timestamps so they are distinct points, as from a runaway device.
            var copyTs = ts.AddMilliseconds(copy);
            var payload = PayloadWriter.Telemetry(copyTs, ++_seq, reading.Values);
            var malformed = malformedRate > 0 && _faultRandom.NextDouble() < malformedRate;
            messages.Add(new OutgoingMessage(
                MessageChannel.Telemetry,
                malformed ? MalformedPayloads.Create(_faultRandom.Next(MalformedPayloads.Variants), payload, _seq) : payload,
                at,
                malformed));
        }

        messages.AddRange(reading.Events.Select(e => new OutgoingMessage(MessageChannel.Event, PayloadWriter.Event(ts, e), at)));
        return messages;
    }

    private void Apply(ActiveFault fault, SimulatedReading reading, DateTimeOffset at)
    {
        switch (fault.Kind)
        {
            case FaultKind.LampFailure when reading.Find("on") is { Boolean: true }:
                // The controller still switches the lamp on; the lamp draws nothing and adds no light.
                reading.Replace(TelemetryField.OfNumber("power_w", 0));
                break;
            case FaultKind.Flicker when reading.Find("on") is { Boolean: true }:
                _flickerLit = !_flickerLit;
                reading.Replace(TelemetryField.OfBoolean("on", _flickerLit));
                if (!_flickerLit)
                {
                    reading.Replace(TelemetryField.OfNumber("power_w", 0));
                }

                break;
            case FaultKind.StuckSensor:
                if (!_stuckValues.TryGetValue(fault, out var frozen))
                {
                    _stuckValues[fault] = frozen = [.. reading.Values];
                }

                reading.Values.Clear();
                reading.Values.AddRange(frozen);
                break;
            case FaultKind.Drift when fault.Field is { } name && reading.Find(name) is { Type: FieldType.Number } field:
                var offset = fault.Parameters.PerHour * (at - fault.Start).TotalHours;
                reading.Replace(TelemetryField.OfNumber(name, Math.Round(field.Number + offset, 2)));
                break;
            case FaultKind.DoorHeldOpen:
                reading.Replace(TelemetryField.OfBoolean("door_open", true));
                AddOnce(fault, reading, "door_held_open", new Dictionary<string, string> { ["card_id"] = _lastCardId });
                break;
            case FaultKind.DoorForced:
                reading.Replace(TelemetryField.OfBoolean("door_open", true));
                AddOnce(fault, reading, "door_forced", new Dictionary<string, string> { ["reason"] = "opened_without_card" });
                break;
            default:
                break;
        }
    }

    private void AddOnce(ActiveFault fault, SimulatedReading reading, string type, Dictionary<string, string> data)
    {
        if (_announced.Add(fault))
        {
            reading.Events.Add(new SimulatedEvent(type, data));
        }
    }

    private void RememberCard(SimulatedReading reading)
    {
        if (reading.Events.LastOrDefault(e => e.Data.ContainsKey("card_id")) is { } last)
        {
            _lastCardId = last.Data["card_id"];
        }
    }
}
