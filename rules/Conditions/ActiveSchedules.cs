using System.Collections.Concurrent;
using ParkCommunity.Rules.Definitions;
using Quartz;

namespace ParkCommunity.Rules.Conditions;

/// <summary>Whether a rule's active schedule covers an instant, in a site's time zone.</summary>
public static class ActiveSchedules
{
    private static readonly ConcurrentDictionary<(string Cron, string Zone), CronExpression> Expressions = new();

    /// <summary>
    /// True when <paramref name="schedule"/> is null, or the cron expression matches the minute of <paramref name="at"/>
    /// (judged per minute, so the seconds field must be 0 or *) and the local day is not in the except-calendar.
    /// </summary>
    public static bool IsActive(this ActiveSchedule? schedule, DateTimeOffset at, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        if (schedule is null)
        {
            return true;
        }

        if (schedule.Cron is { } cron)
        {
            var expression = Expressions.GetOrAdd((cron, timeZone.Id), key => CronExpression.Parse(key.Cron).WithTimeZone(timeZone));
            var minute = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
            if (!expression.IsSatisfiedBy(minute))
            {
                return false;
            }
        }

        return schedule.ExceptCalendar is not { } calendar || !calendar.Contains(at, timeZone);
    }
}
