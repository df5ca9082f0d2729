namespace ParkCommunity.TelemetryStore.Reading;

/// <summary>
/// Which measurements hold telemetry. The gateway stores device events beside telemetry in
/// <c>{kind}_events</c>; a read over every kind (<see cref="SeriesFilter.Kind"/> = null) leaves those out,
/// because their fields (type, data) are not readings of the device.
/// </summary>
public static class TelemetryMeasurements
{
    public const string EventSuffix = "_events";

    public static bool IsTelemetry(string measurement) =>
        !measurement.EndsWith(EventSuffix, StringComparison.Ordinal);
}
