namespace ParkCommunity.Rules.Alarms;

/// <summary>
/// A clear still to be noted on the alarm's work order: the store keeps it from the clear until the note is written
/// (see <see cref="Storage.IAlarmStore.LoadClearNotesAsync"/>), so neither a crash nor a case store outage loses it.
/// </summary>
public sealed record AlarmClearNote(string AlarmId, string RuleId, string Subject, DateTimeOffset ClearedAt, string? Detail);
