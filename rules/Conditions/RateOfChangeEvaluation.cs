using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.Rules.Conditions;

/// <summary>
/// Rate of change: the least-squares slope of a field over the readings in [t − window, t], in units per hour. Least
/// squares rather than last-minus-first, so one noisy reading at either end cannot raise or clear the alarm. It needs at
/// least two readings spanning at least half the window; otherwise the slope is unknown and the condition does not hold.
/// </summary>
internal static class RateOfChangeEvaluation
{
    public static async Task<IEnumerable<SubjectObservation>> EvaluateAsync(
        ITelemetryReader reader, RateOfChangeCondition condition, string? kind, IReadOnlyList<Subject> subjects, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var points = await TelemetryQueries.RangeAsync(reader, kind, [.. subjects.Select(s => s.Id)],
            at - condition.Window, at + TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
        var byDevice = points.ToLookup(p => p.Device, StringComparer.Ordinal);
        return subjects.Select(subject => Judge(subject, byDevice[subject.Id], condition, at));
    }

    /// <summary>The least-squares slope of (hours, value) pairs, or null when they do not determine one.</summary>
    public static double? Slope(IReadOnlyList<(double Hours, double Value)> samples)
    {
        if (samples.Count < 2)
        {
            return null;
        }

        var meanX = samples.Average(s => s.Hours);
        var meanY = samples.Average(s => s.Value);
        var sxx = samples.Sum(s => (s.Hours - meanX) * (s.Hours - meanX));
        return sxx == 0 ? null : samples.Sum(s => (s.Hours - meanX) * (s.Value - meanY)) / sxx;
    }

    private static SubjectObservation Judge(Subject subject, IEnumerable<StoredPoint> readings, RateOfChangeCondition condition, DateTimeOffset at)
    {
        var samples = new List<(DateTimeOffset At, double Value)>();
        foreach (var point in readings)
        {
            if (FieldValues.TryNumber(point.Values, condition.Field, out var value))
            {
                samples.Add((point.Timestamp, value));
            }
        }

        var window = Durations.Format(condition.Window);
        if (samples.Count < 2 || samples[^1].At - samples[0].At < condition.Window / 2)
        {
            return subject.Observe(false, at, $"{condition.Field}: too few readings ({samples.Count}) in the last {window} to judge its rate of change");
        }

        var origin = samples[0].At;
        var slope = Slope([.. samples.Select(s => ((s.At - origin).TotalHours, s.Value))]);
        if (slope is not { } perHour)
        {
            return subject.Observe(false, at, $"{condition.Field}: readings in the last {window} share one timestamp");
        }

        var holds = (condition.Below is { } below && perHour < below) || (condition.Above is { } above && perHour > above);
        var bound = string.Join(" or ", new[] { condition.Below is { } b ? $"below {DetailText.Number(b)}" : null, condition.Above is { } a ? $"above {DetailText.Number(a)}" : null }.OfType<string>());
        return subject.Observe(holds, at,
            $"{condition.Field} {(perHour >= 0 ? "+" : "")}{DetailText.Number(perHour)}/h over {window} ({samples.Count} readings, now {DetailText.Number(samples[^1].Value)}; alarm {bound}/h)");
    }
}
