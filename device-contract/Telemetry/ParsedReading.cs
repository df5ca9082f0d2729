namespace ParkCommunity.DeviceContract.Telemetry;

/// <summary>
/// One accepted item of a telemetry payload. Its values are
/// <c>ParsedTelemetry.Fields.Slice(FieldStart, FieldCount)</c>, so a whole batch shares one field array.
/// </summary>
public readonly record struct ParsedReading(int ItemIndex, long TimestampMs, long? Seq, int FieldStart, int FieldCount);
