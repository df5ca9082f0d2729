using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.Rules.Conditions;

/// <summary>
/// Silence and offline devices. A device is last heard at its newest telemetry point (any kind) or event, except that a
/// trailing <c>offline</c> status is not the device speaking (the broker sends it as the device's last will). At time
/// t the condition holds when t − last heard ≥ <c>silentFor</c> (exact to the evaluation: no grace period), when the
/// device never reported since the engine started watching at least <c>silentFor</c> ago, or — with <c>whenOffline</c> — when its newest event is an <c>offline</c> status.
/// </summary>
internal static class AbsenceEvaluation
{
    private const string StatusType = "status";
    private const string Offline = "offline";

    public static async Task<IEnumerable<SubjectObservation>> EvaluateAsync(
        ITelemetryReader reader, AbsenceCondition condition, string? kind, IReadOnlyList<Subject> subjects, DateTimeOffset at, DateTimeOffset watchingSince, CancellationToken cancellationToken)
    {
        var ids = subjects.Select(s => s.Id).ToList();
        var telemetry = (await TelemetryQueries.LatestAsync(reader, kind, ids, cancellationToken).ConfigureAwait(false))
            .GroupBy(p => p.Device, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(p => p.Timestamp), StringComparer.Ordinal);

        var events = new Dictionary<string, StoredPoint>(StringComparer.Ordinal);
        foreach (var group in subjects.GroupBy(s => s.Devices[0].Kind, StringComparer.Ordinal))
        {
            var latest = await TelemetryQueries.LatestAsync(reader, TelemetryQueries.Events(group.Key), [.. group.Select(s => s.Id)], cancellationToken).ConfigureAwait(false);
            foreach (var point in latest)
            {
                events[point.Device] = point;
            }
        }

        return subjects.Select(subject => Judge(subject, condition, at, watchingSince,
            telemetry.TryGetValue(subject.Id, out var t) ? t : null, events.GetValueOrDefault(subject.Id)));
    }

    private static SubjectObservation Judge(Subject subject, AbsenceCondition condition, DateTimeOffset at, DateTimeOffset watchingSince, DateTimeOffset? lastTelemetry, StoredPoint? lastEvent)
    {
        var offlineSince = lastEvent is not null && IsOfflineStatus(lastEvent) && (lastTelemetry is null || lastTelemetry <= lastEvent.Timestamp)
            ? lastEvent.Timestamp
            : (DateTimeOffset?)null;
        if (condition.WhenOffline && offlineSince is { } since)
        {
            return subject.Observe(true, at, $"offline since {DetailText.Time(since)}");
        }

        var lastSpoke = lastEvent is not null && !IsOfflineStatus(lastEvent) ? lastEvent.Timestamp : (DateTimeOffset?)null;
        var lastHeard = lastTelemetry is null ? lastSpoke : lastSpoke is null ? lastTelemetry : Max(lastTelemetry.Value, lastSpoke.Value);
        if (lastHeard is not { } heard)
        {
            return at - watchingSince >= condition.SilentFor
                ? subject.Observe(true, at, "never reported")
                : subject.Observe(false, at, "not reported yet");
        }

        var silence = at - heard;
        return silence >= condition.SilentFor
            ? subject.Observe(true, at, $"silent for {Durations.Format(Whole(silence))} (last heard {DetailText.Time(heard)})")
            : subject.Observe(false, at, $"last heard {DetailText.Time(heard)}, {Durations.Format(Whole(silence < TimeSpan.Zero ? TimeSpan.Zero : silence))} ago");
    }

    private static bool IsOfflineStatus(StoredPoint point) =>
        point.Values.TryGetValue("type", out var type) && type is StatusType
        && point.Values.TryGetValue("status", out var status) && status is Offline;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Whole(TimeSpan span) => TimeSpan.FromSeconds(Math.Floor(span.TotalSeconds));
}
