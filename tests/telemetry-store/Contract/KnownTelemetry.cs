using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.TelemetryStore.Tests.Contract;

/// <summary>
/// A small community whose every aggregate can be worked out by hand. Site s1: grid g1 holds zones z1 (light l1,
/// park p1) and z2 (light l2); grid g2 holds zone z3 (light l3). Lights report every 30 s for 3 minutes, k = 0..5:
/// power_w = base × (k + 1) with base 10 (l1), 1 (l2), 100 (l3); on = k is even; mode = "auto"; seq = k.
/// The park reports every 60 s, k = 0..2: power_w = 1000 × (k + 1), visitors = 2k, irrigation_on = k is even, no seq.
/// One event of l1 sits in measurement light_events, which reads over all kinds must leave out.
/// </summary>
internal static class KnownTelemetry
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeRange ThreeMinutes = new(T0, T0.AddMinutes(3));

    public static readonly SeriesKey L1 = new("light", "s1", "g1", "z1", "l1");
    public static readonly SeriesKey L2 = new("light", "s1", "g1", "z2", "l2");
    public static readonly SeriesKey L3 = new("light", "s1", "g2", "z3", "l3");
    public static readonly SeriesKey P1 = new("park", "s1", "g1", "z1", "p1");
    public static readonly SeriesKey L1Events = new("light_events", "s1", "g1", "z1", "l1");

    public const int TelemetryPoints = 21;

    public static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static TelemetryBatch Batch()
    {
        var batch = new TelemetryBatch();
        foreach (var (series, scale) in new[] { (L1, 10.0), (L2, 1.0), (L3, 100.0) })
        {
            for (var k = 0; k < 6; k++)
            {
                batch.Add(series, Ms(T0.AddSeconds(30 * k)), k,
                [
                    TelemetryField.OfNumber("power_w", scale * (k + 1)),
                    TelemetryField.OfBoolean("on", k % 2 == 0),
                    TelemetryField.OfText("mode", "auto"),
                ]);
            }
        }

        for (var k = 0; k < 3; k++)
        {
            batch.Add(P1, Ms(T0.AddMinutes(k)), null,
            [
                TelemetryField.OfNumber("power_w", 1000.0 * (k + 1)),
                TelemetryField.OfNumber("visitors", 2 * k),
                TelemetryField.OfBoolean("irrigation_on", k % 2 == 0),
            ]);
        }

        batch.Add(L1Events, Ms(T0.AddSeconds(10)), null, [TelemetryField.OfText("type", "door_forced")]);
        return batch;
    }
}
