using ParkCommunity.Rules.Calendars;

namespace ParkCommunity.Rules.Tests.Definitions;

public sealed class CalendarFileTests
{
    [Fact]
    public void DatesRangesAndYearlyDaysAreRead()
    {
        var (calendars, problems) = CalendarFileReader.Read("""
            calendars:
              - name: cn-holidays
                description: Statutory holidays
                dates: [2026-01-01, 2026-10-01..2026-10-07]
                yearly: [05-01, 02-29]
            """, "calendars.yaml");

        Assert.Empty(problems);
        var calendar = calendars.ByName["cn-holidays"];
        Assert.Equal("Statutory holidays", calendar.Description);
        Assert.Equal(8, calendar.Dates.Count);
        Assert.True(calendar.Contains(new DateOnly(2026, 10, 7)));
        Assert.False(calendar.Contains(new DateOnly(2026, 10, 8)));
        Assert.True(calendar.Contains(new DateOnly(2031, 5, 1)));
        Assert.True(calendar.Contains(new DateOnly(2028, 2, 29)));
    }

    [Fact]
    public void EveryProblemOfTheCalendarsFileIsReportedWithItsPosition()
    {
        var (_, problems) = CalendarFileReader.Read("""
            calendars:
              - name: holidays
                dates: [2026-13-01, 2026-10-07..2026-10-01]
                yearly: [5-1]
              - name: holidays
                dates: [2026-01-01]
              - name: empty
              - name: Bad Name
                dates: [2026-01-01]
                colour: red
            """, "calendars.yaml");

        Assert.Equal(
        [
            "calendars.yaml:3:13: calendar \"holidays\" dates: \"2026-13-01\" is not a date such as 2026-10-01 or a range such as 2026-10-01..2026-10-07",
            "calendars.yaml:3:25: calendar \"holidays\" dates: \"2026-10-07..2026-10-01\" is not a range of valid dates, first to last, at most 366 days long",
            "calendars.yaml:4:14: calendar \"holidays\" yearly: \"5-1\" is not a month-day such as 10-01",
            "calendars.yaml:5:5: name: calendar \"holidays\" is defined twice (first at line 2)",
            "calendars.yaml:7:5: calendar \"empty\": lists no dates and no yearly days",
            "calendars.yaml:8:11: name: calendar name \"Bad Name\" must match [a-z0-9-]{1,64}",
            "calendars.yaml:10:5: calendars[].colour: unknown key \"colour\" (allowed: name, description, dates, yearly)",
        ], problems.Select(p => p.ToString()));
    }
}
