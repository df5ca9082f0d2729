using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.Rules.Conditions;

/// <summary>
/// Threshold held for a duration, judged from stored readings alone (no memory between evaluations, so a restart
/// changes nothing). At time t, with F = <c>for</c>, the condition holds for a device when
/// (1) its last reading at or before t − F — looked for in (t − 2F, t − F] — satisfies every comparison (the state was
/// already true when the span began), and (2) every reading in [t − F, t] satisfies every comparison.
/// Readings that lack a compared field are ignored; a device with no reading in (t − 2F, t − F] has no known state at
/// the start of the span and does not hold (a silent device is the absence rule's business).
/// </summary>
internal static class ThresholdEvaluation
{
    public static async Task<IEnumerable<SubjectObservation>> EvaluateAsync(
        ITelemetryReader reader, ThresholdCondition condition, string? kind, IReadOnlyList<Subject> subjects, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var spanStart = at - condition.For;
        var points = await TelemetryQueries.RangeAsync(reader, kind, [.. subjects.Select(s => s.Id)],
            spanStart - condition.For + TimeSpan.FromMilliseconds(1), at + TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
        var byDevice = points
            .Where(p => condition.All.All(c => p.Values.ContainsKey(c.Field)))
            .ToLookup(p => p.Device, StringComparer.Ordinal);
        var written = string.Join(" and ", condition.All);
        return subjects.Select(subject => Judge(subject, [.. byDevice[subject.Id]], condition, written, spanStart, at));
    }

    private static SubjectObservation Judge(
        Subject subject, IReadOnlyList<StoredPoint> readings, ThresholdCondition condition, string written, DateTimeOffset spanStart, DateTimeOffset at)
    {
        var start = readings.LastOrDefault(p => p.Timestamp <= spanStart);
        if (start is null)
        {
            return subject.Observe(false, at,
                $"no reading with {string.Join(", ", condition.All.Select(c => c.Field))} in the {Durations.Format(condition.For)} before {DetailText.Time(spanStart)}");
        }

        var latest = readings[^1];
        var breaking = readings.Where(p => p == start || p.Timestamp >= spanStart).FirstOrDefault(p => !condition.All.All(c => c.Matches(p.Values[c.Field])));
        if (breaking is not null)
        {
            return subject.Observe(false, at, $"{Values(latest, condition)}; {written} not met at {DetailText.Time(breaking.Timestamp)} ({Values(breaking, condition)})");
        }

        return subject.Observe(true, at, $"{Values(latest, condition)}; {written} for {Durations.Format(condition.For)} (since {DetailText.Time(start.Timestamp)} or earlier)");
    }

    private static string Values(StoredPoint point, ThresholdCondition condition) =>
        string.Join(", ", condition.All.Select(c => c.Field).Distinct().Select(f => $"{f}={DetailText.Value(point.Values[f])}"));
}
