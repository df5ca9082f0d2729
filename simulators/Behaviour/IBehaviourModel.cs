using ParkCommunity.DeviceContract.Telemetry;

namespace ParkCommunity.Simulators.Behaviour;

/// <summary>
/// What one kind of device measures. <see cref="Next"/> is called with increasing simulated times and
/// may keep state between calls (soil drying, a parked car staying); all randomness comes from the
/// seeded source the model was built with, so a seed reproduces a run.
/// </summary>
internal interface IBehaviourModel
{
    SimulatedReading Next(DateTimeOffset at);
}

/// <summary>One reading of a device: telemetry values plus any events that happened since the previous one.</summary>
internal sealed record SimulatedReading(DateTimeOffset Timestamp, List<TelemetryField> Values, List<SimulatedEvent> Events)
{
    public static SimulatedReading At(DateTimeOffset timestamp) => new(timestamp, [], []);

    public SimulatedReading Add(string name, double value) => With(TelemetryField.OfNumber(name, Math.Round(value, 2)));

    public SimulatedReading Add(string name, bool value) => With(TelemetryField.OfBoolean(name, value));

    public TelemetryField? Find(string name) => Values.Find(v => v.Name == name) is { Name: not null } field ? field : null;

    public void Replace(TelemetryField field)
    {
        var index = Values.FindIndex(v => v.Name == field.Name);
        if (index >= 0)
        {
            Values[index] = field;
        }
        else
        {
            Values.Add(field);
        }
    }

    private SimulatedReading With(TelemetryField field)
    {
        Values.Add(field);
        return this;
    }
}

/// <summary>An event payload's type and data, e.g. <c>access_denied</c> with a <c>card_id</c>.</summary>
internal sealed record SimulatedEvent(string Type, IReadOnlyDictionary<string, string> Data);
