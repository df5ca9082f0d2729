namespace ParkCommunity.Simulators.Behaviour;

/// <summary>
/// The sun's elevation from the NOAA "General Solar Position Calculations" (fractional-year series for
/// the equation of time and declination). Accurate to a few minutes for sunrise/sunset, which is what a
/// street-light controller with an astronomical clock needs.
/// </summary>
internal static class SolarPosition
{
    /// <summary>Elevation at sunrise/sunset: the NOAA zenith of 90.833° allows for refraction and the sun's radius.</summary>
    public const double HorizonDegrees = -0.833;

    public static double ElevationDegrees(DateTimeOffset at, double latitude, double longitude)
    {
        var utc = at.UtcDateTime;
        var daysInYear = DateTime.IsLeapYear(utc.Year) ? 366 : 365;
        var gamma = 2 * Math.PI / daysInYear * (utc.DayOfYear - 1 + ((utc.TimeOfDay.TotalHours - 12) / 24));

        var equationOfTimeMinutes = 229.18 * (0.000075 + (0.001868 * Math.Cos(gamma)) - (0.032077 * Math.Sin(gamma))
            - (0.014615 * Math.Cos(2 * gamma)) - (0.040849 * Math.Sin(2 * gamma)));
        var declination = 0.006918 - (0.399912 * Math.Cos(gamma)) + (0.070257 * Math.Sin(gamma))
            - (0.006758 * Math.Cos(2 * gamma)) + (0.000907 * Math.Sin(2 * gamma))
            - (0.002697 * Math.Cos(3 * gamma)) + (0.00148 * Math.Sin(3 * gamma));

        // True solar time in minutes; the time zone term is zero because we work in UTC.
        var trueSolarMinutes = (utc.TimeOfDay.TotalMinutes + equationOfTimeMinutes + (4 * longitude)) % 1440;
        var hourAngle = ToRadians((trueSolarMinutes / 4) - 180);
        var lat = ToRadians(latitude);

        var cosZenith = (Math.Sin(lat) * Math.Sin(declination)) + (Math.Cos(lat) * Math.Cos(declination) * Math.Cos(hourAngle));
        return 90 - (Math.Acos(Math.Clamp(cosZenith, -1, 1)) * 180 / Math.PI);
    }

    public static bool IsDark(DateTimeOffset at, double latitude, double longitude) =>
        ElevationDegrees(at, latitude, longitude) < HorizonDegrees;

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
