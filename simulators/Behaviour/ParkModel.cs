namespace ParkCommunity.Simulators.Behaviour;

/// <summary>
/// A park sensor pole: visitor counting (FIWARE CrowdFlowObserved), air quality (AirQualityObserved,
/// PM2.5 in µg/m³), noise (NoiseLevelObserved, dB(A)) and soil moisture with an irrigation valve
/// (GreenspaceRecord). PM2.5 drifts slowly around a baseline with traffic peaks; soil dries by day
/// and is watered early in the morning, or whenever it gets too dry.
/// </summary>
internal sealed class ParkModel(SiteTime site, Random random, int capacity) : IBehaviourModel
{
    public const int DefaultCapacity = 60;

    private static readonly WeeklyProfile Visitors = new(
        new DailyProfile(0, 0, 0, 0, 0, 0.05, 0.3, 0.35, 0.2, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.2, 0.3, 0.4, 0.5, 0.5, 0.35, 0.15, 0.05, 0),
        new DailyProfile(0, 0, 0, 0, 0, 0.05, 0.2, 0.3, 0.4, 0.55, 0.7, 0.7, 0.6, 0.7, 0.9, 1, 1, 0.9, 0.7, 0.6, 0.45, 0.2, 0.05, 0));

    /// <summary>Extra PM2.5 from rush-hour traffic on the surrounding roads.</summary>
    private static readonly DailyProfile Traffic =
        new(0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.5, 0.9, 1, 0.6, 0.4, 0.35, 0.35, 0.35, 0.4, 0.5, 0.7, 0.9, 1, 0.8, 0.5, 0.3, 0.2, 0.15);

    private DateTimeOffset? _last;
    private double _pm25Baseline = 30 + (random.NextDouble() * 15);
    private double _soilMoisture = 28 + (random.NextDouble() * 12);
    private bool _irrigating;

    public SimulatedReading Next(DateTimeOffset at)
    {
        var elapsed = _last is { } last ? at - last : TimeSpan.Zero;
        _last = at;
        var local = site.Local(at);
        AdvanceAir(elapsed);
        AdvanceSoil(elapsed, local, site.SunElevation(at));

        var visitors = Math.Max(0, Math.Round(capacity * Visitors.At(local) * (1 + random.NextGaussian(0, 0.15))));
        var pm25 = Math.Max(1, _pm25Baseline + (15 * Traffic.At(local)) + random.NextGaussian(0, 2));
        var noise = 38 + (14 * Traffic.At(local)) + (6 * Math.Log10(1 + visitors)) + random.NextGaussian(0, 1.5);

        return SimulatedReading.At(at)
            .Add("visitors", visitors)
            .Add("pm25_ugm3", pm25)
            .Add("noise_db", noise)
            .Add("soil_moisture_pct", _soilMoisture)
            .Add("irrigation_on", _irrigating);
    }

    private void AdvanceAir(TimeSpan elapsed)
    {
        // Mean-reverting random walk: weather moves the baseline over hours, not minutes.
        var hours = Math.Min(elapsed.TotalHours, 24);
        _pm25Baseline += ((35 - _pm25Baseline) * hours / 12) + random.NextGaussian(0, 3 * Math.Sqrt(hours));
        _pm25Baseline = Math.Clamp(_pm25Baseline, 5, 150);
    }

    private void AdvanceSoil(TimeSpan elapsed, DateTime local, double sunElevation)
    {
        var hours = Math.Min(elapsed.TotalHours, 24);
        var dryingPerHour = 0.15 + (0.6 * Math.Max(0, Math.Sin(sunElevation * Math.PI / 180)));
        _soilMoisture += (_irrigating ? 15 - dryingPerHour : -dryingPerHour) * hours;
        _soilMoisture = Math.Clamp(_soilMoisture, 5, 60);

        if (_irrigating && _soilMoisture >= 40)
        {
            _irrigating = false;
        }
        else if (!_irrigating && (_soilMoisture < 15 || (_soilMoisture < 25 && local.Hour is >= 5 and < 7)))
        {
            // Watering before sunrise loses least to evaporation; below 15 % plants suffer, so water anyway.
            _irrigating = true;
        }
    }
}
