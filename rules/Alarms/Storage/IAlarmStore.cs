namespace ParkCommunity.Rules.Alarms.Storage;

/// <summary>
/// Where alarms live between evaluations and restarts: the current alarms (one per rule and subject that is not
/// normal) and an append-only history of raises, acknowledgements and clears. Times of the engine's changes come from
/// the alarms themselves; acknowledgement times from the injected <see cref="TimeProvider"/>. Database errors reach
/// the caller.
/// </summary>
public interface IAlarmStore
{
    /// <summary>Creates the schema or brings it up to date; safe to call from several nodes at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>The rule's current alarms, by subject.</summary>
    Task<IReadOnlyList<Alarm>> LoadRuleAsync(string ruleId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the transitions of one evaluation in one transaction, in order: a raise inserts the alarm and a history
    /// entry, an update changes the engine's columns, a clear removes the alarm and records it in the history. Each
    /// write is conditional on the alarm being as it was loaded (its version, or its absence for a raise); if any is
    /// not, nothing is written and <see cref="AlarmConcurrencyException"/> is thrown. A clear also leaves an
    /// <see cref="AlarmClearNote"/> until <see cref="ClearNotedAsync"/>.
    /// </summary>
    Task SaveAsync(IReadOnlyList<AlarmTransition> transitions, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the alarm's work order exists (or, with a null id, that none can be opened) so later evaluations
    /// stop retrying. Does nothing if the alarm has cleared meanwhile; does not move the version.
    /// </summary>
    Task MarkWorkOrderOpenedAsync(string alarmId, string? workOrderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of every rule with current alarms, so the engine can clear those of rules that no longer exist (deleted
    /// from the rule files while it was down) with <see cref="AlarmTracker.ClearAsync"/>.
    /// </summary>
    Task<IReadOnlyList<string>> ListRulesWithAlarmsAsync(CancellationToken cancellationToken = default);

    /// <summary>The rule's clears not yet noted on their work orders, oldest first.</summary>
    Task<IReadOnlyList<AlarmClearNote>> LoadClearNotesAsync(string ruleId, CancellationToken cancellationToken = default);

    /// <summary>Records that the clear has been noted (or needs no note); does nothing when it already was.</summary>
    Task ClearNotedAsync(string alarmId, CancellationToken cancellationToken = default);

    /// <summary>The current alarm with this id, or null when there is none (never raised, or cleared).</summary>
    Task<Alarm?> GetAsync(string alarmId, CancellationToken cancellationToken = default);

    /// <summary>Current alarms matching every set filter, most severe first, then oldest raise first.</summary>
    Task<IReadOnlyList<Alarm>> ListCurrentAsync(AlarmQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cleared alarms matching every set filter whose clear came at or after <paramref name="clearedSince"/>, most recent
    /// clear first, each as it was when it cleared and with <see cref="Alarm.ClearedAt"/>.
    /// </summary>
    Task<IReadOnlyList<Alarm>> ListClearedAsync(AlarmQuery query, DateTimeOffset clearedSince, CancellationToken cancellationToken = default);

    /// <summary>The cleared alarm with this id, with <see cref="Alarm.ClearedAt"/>; null when it is current, unknown, or only in the history.</summary>
    Task<Alarm?> GetClearedAsync(string alarmId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a current alarm as seen by <paramref name="by"/>. The first acknowledgement stands; acknowledging again
    /// returns the alarm unchanged and records nothing. Throws <see cref="AlarmNotFoundException"/> when the alarm is
    /// not current.
    /// </summary>
    Task<Alarm> AcknowledgeAsync(string alarmId, string by, CancellationToken cancellationToken = default);

    /// <summary>Everything that happened to one alarm (one raise until its clear), oldest first.</summary>
    Task<IReadOnlyList<AlarmHistoryEntry>> GetHistoryAsync(string alarmId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes cleared alarms cleared before <paramref name="before"/>, and history entries older than that of alarms that
    /// are not current (a current alarm keeps its whole history). Returns how many history entries and cleared alarms went.
    /// </summary>
    Task<(int HistoryEntries, int ClearedAlarms)> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>The latest <paramref name="take"/> history entries about a subject across all rules, newest first.</summary>
    Task<IReadOnlyList<AlarmHistoryEntry>> GetSubjectHistoryAsync(string subject, int take = 100, CancellationToken cancellationToken = default);
}
