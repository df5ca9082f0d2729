namespace ParkCommunity.Simulators.Behaviour;

/// <summary>A value per hour of the day (0–23), interpolated linearly so rhythms change smoothly.</summary>
internal sealed class DailyProfile
{
    private readonly double[] _hourly;

    public DailyProfile(params double[] hourly)
    {
        if (hourly.Length != 24)
        {
            throw new ArgumentException("A daily profile needs 24 hourly values.", nameof(hourly));
        }

        _hourly = hourly;
    }

    public double At(DateTime local)
    {
        var hours = local.TimeOfDay.TotalHours;
        var hour = (int)hours;
        var fraction = hours - hour;
        return (_hourly[hour] * (1 - fraction)) + (_hourly[(hour + 1) % 24] * fraction);
    }
}

/// <summary>Weekday and weekend rhythms of a residential community.</summary>
internal sealed record WeeklyProfile(DailyProfile Weekday, DailyProfile Weekend)
{
    public double At(DateTime local) =>
        local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? Weekend.At(local) : Weekday.At(local);
}
