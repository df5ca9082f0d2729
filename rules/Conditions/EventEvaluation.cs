using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.Rules.Conditions;

/// <summary>
/// Device events: the condition holds for a device while an event of the rule's type is stored with a timestamp in
/// [t − within, t]. An event raises at the first evaluation after it is stored, and the alarm clears (after clearAfter)
/// once it is older than <c>within</c>; the default within of two evaluation intervals makes sure no event falls between two
/// evaluations.
/// </summary>
internal static class EventEvaluation
{
    public static async Task<IEnumerable<SubjectObservation>> EvaluateAsync(
        ITelemetryReader reader, EventCondition condition, IReadOnlyList<Subject> subjects, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var events = new List<StoredPoint>();
        foreach (var group in subjects.GroupBy(s => s.Devices[0].Kind, StringComparer.Ordinal))
        {
            events.AddRange(await TelemetryQueries.RangeAsync(reader, TelemetryQueries.Events(group.Key), [.. group.Select(s => s.Id)],
                at - condition.Within, at + TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false));
        }

        var byDevice = events
            .Where(p => p.Values.TryGetValue("type", out var type) && type is string text && text == condition.Type)
            .ToLookup(p => p.Device, StringComparer.Ordinal);
        var within = Durations.Format(condition.Within);
        return subjects.Select(subject =>
        {
            var seen = byDevice[subject.Id].ToList();
            return seen.Count == 0
                ? subject.Observe(false, at, $"no {condition.Type} event in the last {within}")
                : subject.Observe(true, at, $"{condition.Type} at {DetailText.Time(seen[^1].Timestamp)} ({seen.Count} in the last {within})");
        });
    }
}
