using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Alarms.Configuration;
using ParkCommunity.Rules.Alarms.Storage.Sqlite;
using ParkCommunity.Rules.Scheduling;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.Scheduling;

public sealed class AlarmHistoryPruneJobTests : IDisposable
{
    private readonly TempDirectory _folder = new("pc-alarm-prune");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task TheJobDeletesWhatIsOlderThanKeepHistoryFor()
    {
        var store = new SqliteAlarmStore(_folder.File("alarms.db"), _time, NullLogger<SqliteAlarmStore>.Instance);
        await store.InitializeAsync();
        var policy = new AlarmPolicy("light-dark", "Street light dark", AlarmSeverity.Major, TimeSpan.FromMinutes(10));
        var location = new SubjectLocation("tianfu-park", "north", "elm-street", "light-017", "light");
        var raised = AlarmStateMachine.Apply(policy, [], [new SubjectObservation("light-017", location, true, _time.GetUtcNow(), "dark")], AlarmStateMachine.NewAlarmId);
        await store.SaveAsync(raised.Transitions);
        var alarm = raised.Transitions.Single().Alarm;
        await store.SaveAsync(AlarmStateMachine.ClearNow(await store.LoadRuleAsync("light-dark"), _ => true, _time.GetUtcNow(), "restored").Transitions);
        var job = new AlarmHistoryPruneJob(store, Options.Create(new AlarmStoreOptions { KeepHistoryFor = TimeSpan.FromDays(7) }), _time, NullLogger<AlarmHistoryPruneJob>.Instance);

        _time.Advance(TimeSpan.FromDays(6));
        await job.Execute(null!, CancellationToken.None);
        Assert.NotNull(await store.GetClearedAsync(alarm.Id));

        _time.Advance(TimeSpan.FromDays(2));
        await job.Execute(null!, CancellationToken.None);
        Assert.Null(await store.GetClearedAsync(alarm.Id));
        Assert.Empty(await store.GetHistoryAsync(alarm.Id));
    }
}
