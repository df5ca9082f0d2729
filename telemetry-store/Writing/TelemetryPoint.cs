namespace ParkCommunity.TelemetryStore.Writing;

/// <summary>
/// One stored point: a series, a millisecond timestamp, an optional device sequence number and a
/// slice [<see cref="FieldStart"/>, FieldStart + <see cref="FieldCount"/>) of its batch's field array.
/// </summary>
public readonly record struct TelemetryPoint(SeriesKey Series, long TimestampMs, long? Seq, int FieldStart, int FieldCount);
