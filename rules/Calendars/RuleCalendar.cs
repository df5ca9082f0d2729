using Quartz;
using Quartz.Impl.Calendar;

namespace ParkCommunity.Rules.Calendars;

/// <summary>
/// A named holiday calendar from the calendars file: single dates and dates that recur every year (month and day).
/// A rule with <c>active.exceptCalendar</c> is inactive on these days, judged in the site's time zone.
/// </summary>
public sealed class RuleCalendar
{
    public RuleCalendar(string name, string? description, IEnumerable<DateOnly> dates, IEnumerable<(int Month, int Day)> yearly)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Description = description;
        Dates = new SortedSet<DateOnly>(dates ?? []);
        Yearly = new SortedSet<(int Month, int Day)>(yearly ?? []);
    }

    public string Name { get; }

    public string? Description { get; }

    public IReadOnlySet<DateOnly> Dates { get; }

    public IReadOnlySet<(int Month, int Day)> Yearly { get; }

    public bool Contains(DateOnly day) => Dates.Contains(day) || Yearly.Contains((day.Month, day.Day));

    /// <summary>Whether the local day of <paramref name="at"/> in <paramref name="timeZone"/> is in the calendar.</summary>
    public bool Contains(DateTimeOffset at, TimeZoneInfo timeZone) =>
        Contains(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, timeZone).DateTime));

    /// <summary>
    /// The same calendar as a Quartz calendar that excludes these days in <paramref name="timeZone"/>, so a scheduler can
    /// skip triggers on them: a <see cref="HolidayCalendar"/> for the dates, wrapped in an <see cref="AnnualCalendar"/>
    /// for the yearly days when there are any.
    /// </summary>
    public ICalendar ToQuartz(TimeZoneInfo timeZone)
    {
        var holidays = new HolidayCalendar { Description = Description ?? Name, TimeZone = timeZone };
        foreach (var date in Dates)
        {
            holidays.AddExcludedDay(date);
        }

        if (Yearly.Count == 0)
        {
            return holidays;
        }

        var annual = new AnnualCalendar(holidays) { Description = Description ?? Name, TimeZone = timeZone };
        foreach (var (month, day) in Yearly)
        {
            annual.AddExcludedDay(new MonthDay(month, day));
        }

        return annual;
    }
}

/// <summary>The calendars of one calendars file, by name.</summary>
public sealed class RuleCalendars
{
    public RuleCalendars(IEnumerable<RuleCalendar> calendars) =>
        ByName = (calendars ?? []).ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static RuleCalendars None { get; } = new([]);

    public IReadOnlyDictionary<string, RuleCalendar> ByName { get; }

    /// <summary>Every calendar as a Quartz calendar in <paramref name="timeZone"/>, for <c>IScheduler.AddCalendar</c>.</summary>
    public IReadOnlyDictionary<string, ICalendar> ToQuartzCalendars(TimeZoneInfo timeZone) =>
        ByName.ToDictionary(pair => pair.Key, pair => pair.Value.ToQuartz(timeZone), StringComparer.Ordinal);
}
