namespace ParkCommunity.DeviceContract.Telemetry;

/// <summary>The JSON type a telemetry value arrived as; stored with the same type.</summary>
public enum FieldType : byte
{
    Number,
    Boolean,
    Text,
}

/// <summary>
/// One named value of a reading. A struct so a batch of readings lives in one pooled array;
/// <see cref="Name"/> and short <see cref="Text"/> values are interned by the parser, so a steady
/// stream of the same names allocates nothing.
/// </summary>
public readonly record struct TelemetryField(string Name, FieldType Type, double Number, bool Boolean, string? Text)
{
    public static TelemetryField OfNumber(string name, double value) => new(name, FieldType.Number, value, false, null);

    public static TelemetryField OfBoolean(string name, bool value) => new(name, FieldType.Boolean, 0, value, null);

    public static TelemetryField OfText(string name, string value) => new(name, FieldType.Text, 0, false, value);

    public override string ToString() => Type switch
    {
        FieldType.Number => $"{Name}={Number}",
        FieldType.Boolean => $"{Name}={Boolean}",
        _ => $"{Name}=\"{Text}\"",
    };
}
