using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.Rules.Conditions;

/// <summary>
/// A field aggregated over the readings of each zone (or grid), in windows that end at the evaluation time t:
/// window k is (t − (k+1)·window, t − k·window]. The condition holds when each of the last for/window windows has
/// readings and its aggregate satisfies the comparison (count also holds on an empty window if 0 satisfies it).
/// Computed here from the readings rather than by the store, so windows end exactly at t on both backends and booleans
/// count as 0/1 (InfluxDB refuses mean() of a boolean field). Every reading weighs the same: with devices reporting at
/// one rate, the mean of <c>occupied</c> is the share of occupied spots.
/// </summary>
internal static class AggregateEvaluation
{
    public static async Task<IEnumerable<SubjectObservation>> EvaluateAsync(
        ITelemetryReader reader, AggregateCondition condition, string? kind, IReadOnlyList<Subject> subjects, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var devices = subjects.SelectMany(s => s.Devices.Select(d => (d.Id, Subject: s.Id))).ToDictionary(d => d.Id, d => d.Subject, StringComparer.Ordinal);
        var points = await TelemetryQueries.RangeAsync(reader, kind, [.. devices.Keys],
            at - condition.For + TimeSpan.FromMilliseconds(1), at + TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);

        var windows = condition.Windows;
        var values = subjects.ToDictionary(s => s.Id, _ => Enumerable.Range(0, windows).Select(_ => new List<double>()).ToArray(), StringComparer.Ordinal);
        foreach (var point in points)
        {
            if (devices.TryGetValue(point.Device, out var subject) && FieldValues.TryNumber(point.Values, condition.Field, out var value))
            {
                // Window k is (t − (k+1)·window, t − k·window]: a reading exactly on a boundary belongs to the window it ends.
                var k = (int)Math.Clamp((at - point.Timestamp).Ticks / condition.Window.Ticks, 0, windows - 1);
                values[subject][k].Add(value);
            }
        }

        return subjects.Select(subject => Judge(subject, values[subject.Id], condition, at));
    }

    public static double? Aggregate(AggregateKind function, IReadOnlyList<double> values) => function switch
    {
        AggregateKind.Count => values.Count,
        _ when values.Count == 0 => null,
        AggregateKind.Mean => values.Average(),
        AggregateKind.Min => values.Min(),
        AggregateKind.Max => values.Max(),
        _ => values.Sum(),
    };

    private static SubjectObservation Judge(Subject subject, List<double>[] windows, AggregateCondition condition, DateTimeOffset at)
    {
        var results = windows.Select(w => Aggregate(condition.Function, w)).ToList();
        var name = $"{condition.Function.ToString().ToLowerInvariant()} {condition.Field}";
        var comparison = $"{FieldComparison.Symbol(condition.Operator)} {DetailText.Number(condition.Bound)}";
        if (results[0] is not { } latest)
        {
            return subject.Observe(false, at, $"{name}: no readings in the last {Durations.Format(condition.Window)}");
        }

        var holds = results.All(r => r is { } value && Satisfies(condition, value));
        var detail = $"{name} {DetailText.Number(latest)} over the last {Durations.Format(condition.Window)}";
        if (windows.Length > 1)
        {
            // Oldest window first, as a person reads a series.
            detail += $"; last {windows.Length} windows: {string.Join(", ", Enumerable.Reverse(results).Select(r => r is { } v ? DetailText.Number(v) : "none"))}";
        }

        return subject.Observe(holds, at, $"{detail} (alarm when {comparison}{(windows.Length > 1 ? " in each" : "")})");
    }

    private static bool Satisfies(AggregateCondition condition, double value) =>
        new FieldComparison(condition.Field, condition.Operator, condition.Bound).Matches(value);
}
