using System.Globalization;

namespace ParkCommunity.Simulators.Behaviour;

/// <summary>
/// A street light with an astronomical clock and a photometer (FIWARE Streetlight): on from sunset to
/// sunrise, dimmed to half in the quiet hours to save energy, drawing power in proportion to its dim
/// level, and measuring lux that follow the sun by day and the lamp by night.
/// </summary>
internal sealed class LightModel(SiteTime site, Random random, double ratedWatts) : IBehaviourModel
{
    public const double DefaultRatedWatts = 60;

    /// <summary>Local hours with reduced output: late night, when nobody is on the street.</summary>
    public const int DimFromHour = 23;
    public const int DimUntilHour = 5;
    public const double DimmedPercent = 50;

    public static LightModel Create(SiteTime site, Random random, IReadOnlyDictionary<string, string> tags) =>
        new(site, random, tags.TryGetValue("rated_w", out var w) && double.TryParse(w, CultureInfo.InvariantCulture, out var watts) && watts > 0
            ? watts
            : DefaultRatedWatts);

    public SimulatedReading Next(DateTimeOffset at)
    {
        var elevation = site.SunElevation(at);
        var on = elevation < SolarPosition.HorizonDegrees;
        var hour = site.Local(at).Hour;
        var dim = !on ? 0 : hour >= DimFromHour || hour < DimUntilHour ? DimmedPercent : 100;

        // The LED driver draws a little standby power; when lit, output tracks the dim level with ~2 % ripple.
        var power = on ? ratedWatts * dim / 100 * (1 + random.NextGaussian(0, 0.02)) : 0.4;
        var daylight = elevation > 0 ? 110_000 * Math.Sin(elevation * Math.PI / 180) : Math.Max(0, 40 * (elevation + 6) / 6);
        var lux = (daylight + (on ? 30 * dim / 100 : 0)) * (1 + random.NextGaussian(0, 0.05));

        return SimulatedReading.At(at)
            .Add("on", on)
            .Add("dim_pct", dim)
            .Add("power_w", Math.Max(0, power))
            .Add("lux", Math.Max(0, lux))
            .Add("fault", false);
    }
}
