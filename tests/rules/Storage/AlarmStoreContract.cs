using Microsoft.Extensions.Time.Testing;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Alarms.Storage;

namespace ParkCommunity.Rules.Tests.Storage;

/// <summary>
/// What every <see cref="IAlarmStore"/> must do, run against each real database by a subclass. Each test starts from an
/// empty, initialised database; changes are made by the real state machine, as the engine makes them.
/// </summary>
public abstract class AlarmStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 13, 0, 0, TimeSpan.Zero);
    private static readonly SubjectLocation North = new("tianfu-park", "north", "elm-street", "light-017", "light");
    private static readonly AlarmPolicy Dark = new("light-dark", "Street light dark", AlarmSeverity.Major, TimeSpan.FromMinutes(10));

    protected FakeTimeProvider Time { get; } = new(Start);

    protected IAlarmStore Store { get; private set; } = null!;

    /// <summary>An empty database for this test.</summary>
    protected abstract Task PrepareEmptyDatabaseAsync();

    /// <summary>A new, independent store instance over this test's database, as another node or a restart would have.</summary>
    protected abstract IAlarmStore CreateNode();

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await PrepareEmptyDatabaseAsync();
        Store = CreateNode();
        await Store.InitializeAsync();
    }

    public Task DisposeAsync() => CleanUpAsync();

    /// <summary>Loads the rule, applies one observation now, saves; returns the evaluation.</summary>
    private async Task<AlarmEvaluation> EvaluateAsync(
        bool holds, string subject = "light-017", SubjectLocation? location = null, AlarmPolicy? policy = null, IAlarmStore? store = null, string detail = "dark")
    {
        store ??= Store;
        policy ??= Dark;
        var current = await store.LoadRuleAsync(policy.RuleId);
        var evaluation = AlarmStateMachine.Apply(
            policy, current, [new SubjectObservation(subject, location ?? North, holds, Time.GetUtcNow(), detail)], AlarmStateMachine.NewAlarmId);
        await store.SaveAsync(evaluation.Transitions);
        return evaluation;
    }

    private async Task<Alarm> RaiseAsync(string subject = "light-017", SubjectLocation? location = null, AlarmPolicy? policy = null) =>
        (await EvaluateAsync(true, subject, location, policy)).Transitions.Single().Alarm;

    [Fact]
    public async Task ARaisedAlarmRoundTripsEveryField()
    {
        var raised = await RaiseAsync();

        var loaded = Assert.Single(await Store.LoadRuleAsync("light-dark"));

        Assert.Equal(raised, loaded);
        Assert.Equal(raised, await Store.GetAsync(raised.Id));
        Assert.Equal(North, loaded.Location);
        Assert.True(loaded.WorkOrderPending);
        Assert.Equal(Start, loaded.RaisedAt);
    }

    [Fact]
    public async Task ALocationWithOnlyASiteRoundTrips()
    {
        var raised = await RaiseAsync("tianfu-park", new SubjectLocation("tianfu-park"));

        Assert.Equal(new SubjectLocation("tianfu-park"), (await Store.GetAsync(raised.Id))!.Location);
    }

    [Fact]
    public async Task UpdatesAreSavedAndMoveTheVersion()
    {
        await RaiseAsync();
        Time.Advance(TimeSpan.FromMinutes(1));
        await EvaluateAsync(holds: false, detail: "power_w 41.5");

        var alarm = Assert.Single(await Store.LoadRuleAsync("light-dark"));

        Assert.Equal((AlarmStatus.Clearing, (DateTimeOffset?)Start.AddMinutes(1), 2), (alarm.Status, alarm.ClearingSince, alarm.Version));
    }

    [Fact]
    public async Task AClearRemovesTheAlarmAndTheHistoryTellsItsWholeLife()
    {
        var raised = await RaiseAsync();
        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.AcknowledgeAsync(raised.Id, "manager-li");
        await EvaluateAsync(holds: false, detail: "power_w 41.5");
        Time.Advance(TimeSpan.FromMinutes(10));
        await EvaluateAsync(holds: false, detail: "power_w 41.2");

        Assert.Empty(await Store.LoadRuleAsync("light-dark"));
        Assert.Null(await Store.GetAsync(raised.Id));
        var history = await Store.GetHistoryAsync(raised.Id);
        Assert.Equal(
            [
                (AlarmHistoryKind.Raised, Start, "dark", (string?)null),
                (AlarmHistoryKind.Acknowledged, Start.AddMinutes(1), null, "manager-li"),
                (AlarmHistoryKind.Cleared, Start.AddMinutes(11), "power_w 41.2", null),
            ],
            history.Select(h => (h.Kind, h.At, h.Detail, h.Actor)));
        Assert.All(history, h => Assert.Equal(("light-dark", "light-017", AlarmSeverity.Major), (h.RuleId, h.Subject, h.Severity)));
    }

    [Fact]
    public async Task AClearedAlarmIsKeptAsItWasWithItsAcknowledgementAndWhenItCleared()
    {
        var raised = await RaiseAsync();
        var other = await RaiseAsync("light-900", policy: Dark with { RuleId = "other-rule" });
        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.AcknowledgeAsync(raised.Id, "manager-li");
        await EvaluateAsync(holds: false);
        Time.Advance(TimeSpan.FromMinutes(10));
        await EvaluateAsync(holds: false);

        var cleared = await CreateNode().GetClearedAsync(raised.Id);

        Assert.NotNull(cleared);
        Assert.Equal(Start.AddMinutes(11), cleared.ClearedAt);
        Assert.Equal((raised.RuleId, raised.Subject, raised.RuleName, North, raised.Severity, Start), (cleared.RuleId, cleared.Subject, cleared.RuleName, cleared.Location, cleared.Severity, cleared.RaisedAt));
        Assert.Equal(("manager-li", (DateTimeOffset?)Start.AddMinutes(1)), (cleared.AcknowledgedBy, cleared.AcknowledgedAt));
        Assert.Null(await Store.GetClearedAsync(other.Id));
        Assert.Null(await Store.GetClearedAsync("never-raised"));
    }

    [Fact]
    public async Task ClearedAlarmsAreListedMostRecentClearFirstWithinTheWindowAndFilters()
    {
        var critical = Dark with { RuleId = "mains-down", RuleName = "Mains down", Severity = AlarmSeverity.Critical };
        await RaiseAsync("light-017");
        await RaiseAsync("light-200", new SubjectLocation("tianfu-park", "south", "lake-road", "light-200", "light"));
        await RaiseAsync("north", new SubjectLocation("tianfu-park", "north"), critical);
        async Task ClearAsync(string ruleId, string subject)
        {
            Time.Advance(TimeSpan.FromMinutes(5));
            var current = await Store.LoadRuleAsync(ruleId);
            await Store.SaveAsync(AlarmStateMachine.ClearNow(current, a => a.Subject == subject, Time.GetUtcNow(), "restored").Transitions);
        }

        await ClearAsync("light-dark", "light-017");
        var secondClear = Time.GetUtcNow().AddMinutes(5);
        await ClearAsync("light-dark", "light-200");
        await ClearAsync("mains-down", "north");
        await RaiseAsync("light-017");

        async Task<IEnumerable<string>> Subjects(AlarmQuery query, DateTimeOffset since) =>
            (await Store.ListClearedAsync(query, since)).Select(a => a.Subject);

        Assert.Equal(["north", "light-200", "light-017"], await Subjects(new AlarmQuery(), Start));
        Assert.Equal(["north", "light-200"], await Subjects(new AlarmQuery(), secondClear));
        Assert.Equal(["light-200"], await Subjects(new AlarmQuery { Grid = "south" }, Start));
        Assert.Equal(["north"], await Subjects(new AlarmQuery { Severities = new HashSet<AlarmSeverity> { AlarmSeverity.Critical } }, Start));
        Assert.Equal(["light-200"], await Subjects(new AlarmQuery { Skip = 1, Take = 1 }, Start));
        Assert.All(await Store.ListClearedAsync(new AlarmQuery(), Start), a => Assert.NotNull(a.ClearedAt));
    }

    [Fact]
    public async Task PruningDeletesOldClearedAlarmsAndTheirHistoryButKeepsCurrentAlarmsWhole()
    {
        var longActive = await RaiseAsync("light-001");
        var old = await RaiseAsync("light-002");
        Time.Advance(TimeSpan.FromDays(1));
        await Store.SaveAsync(AlarmStateMachine.ClearNow(await Store.LoadRuleAsync("light-dark"), a => a.Id == old.Id, Time.GetUtcNow(), "restored").Transitions);
        Time.Advance(TimeSpan.FromDays(30));
        var recent = await RaiseAsync("light-003");
        await Store.SaveAsync(AlarmStateMachine.ClearNow(await Store.LoadRuleAsync("light-dark"), a => a.Id == recent.Id, Time.GetUtcNow(), "restored").Transitions);

        var (history, cleared) = await Store.PruneAsync(Time.GetUtcNow() - TimeSpan.FromDays(10));

        Assert.Equal((2, 1), (history, cleared));
        Assert.Empty(await Store.GetHistoryAsync(old.Id));
        Assert.Null(await Store.GetClearedAsync(old.Id));
        Assert.Equal([AlarmHistoryKind.Raised], (await Store.GetHistoryAsync(longActive.Id)).Select(h => h.Kind));
        Assert.Equal([AlarmHistoryKind.Raised, AlarmHistoryKind.Cleared], (await Store.GetHistoryAsync(recent.Id)).Select(h => h.Kind));
        Assert.NotNull(await Store.GetClearedAsync(recent.Id));
        Assert.Equal((0, 0), await Store.PruneAsync(Time.GetUtcNow() - TimeSpan.FromDays(10)));
    }

    [Fact]
    public async Task AClearLeavesANoteForTheWorkOrderUntilItIsNoted()
    {
        var raised = await RaiseAsync();
        await RaiseAsync("light-900", policy: Dark with { RuleId = "other-rule" });
        Time.Advance(TimeSpan.FromMinutes(1));
        var clearedAt = Time.GetUtcNow();
        await Store.SaveAsync(AlarmStateMachine.ClearNow(await Store.LoadRuleAsync("light-dark"), _ => true, clearedAt, "rule disabled").Transitions);

        var note = Assert.Single(await CreateNode().LoadClearNotesAsync("light-dark"));
        Assert.Equal(new AlarmClearNote(raised.Id, "light-dark", "light-017", clearedAt, "rule disabled"), note);
        Assert.Empty(await Store.LoadClearNotesAsync("other-rule"));

        await Store.ClearNotedAsync(raised.Id);
        await Store.ClearNotedAsync(raised.Id);

        Assert.Empty(await Store.LoadClearNotesAsync("light-dark"));
    }

    [Fact]
    public async Task AStaleSaveFailsAndWritesNothing()
    {
        await RaiseAsync("light-017");
        var loadedByTheOtherNode = await Store.LoadRuleAsync("light-dark");
        Time.Advance(TimeSpan.FromMinutes(1));
        await EvaluateAsync(holds: true, detail: "still dark");

        // The other node applies an evaluation to what it loaded before: an update of light-017 and a raise of light-018.
        var stale = AlarmStateMachine.Apply(
            Dark, loadedByTheOtherNode,
            [
                new SubjectObservation("light-018", North, true, Time.GetUtcNow(), "dark"),
                new SubjectObservation("light-017", North, false, Time.GetUtcNow(), "lit"),
            ],
            AlarmStateMachine.NewAlarmId);
        var conflict = await Assert.ThrowsAsync<AlarmConcurrencyException>(() => Store.SaveAsync(stale.Transitions));

        Assert.Equal(("light-dark", "light-017"), (conflict.RuleId, conflict.Subject));
        var alarm = Assert.Single(await Store.LoadRuleAsync("light-dark"));
        Assert.Equal(("light-017", AlarmStatus.Active, "still dark"), (alarm.Subject, alarm.Status, alarm.Detail));
        Assert.Empty(await Store.GetSubjectHistoryAsync("light-018"));
    }

    [Fact]
    public async Task ASecondRaiseForTheSameRuleAndSubjectFails()
    {
        var nobodyLoaded = AlarmStateMachine.Apply(
            Dark, [], [new SubjectObservation("light-017", North, true, Time.GetUtcNow(), "dark")], AlarmStateMachine.NewAlarmId);
        var first = await RaiseAsync();

        await Assert.ThrowsAsync<AlarmConcurrencyException>(() => CreateNode().SaveAsync(nobodyLoaded.Transitions));

        Assert.Equal(first.Id, Assert.Single(await Store.LoadRuleAsync("light-dark")).Id);
        Assert.Single(await Store.GetHistoryAsync(first.Id));
    }

    [Fact]
    public async Task AStaleClearFails()
    {
        await RaiseAsync();
        var loadedBefore = await Store.LoadRuleAsync("light-dark");
        Time.Advance(TimeSpan.FromMinutes(1));
        await EvaluateAsync(holds: true, detail: "still dark");

        var staleClear = AlarmStateMachine.ClearNow(loadedBefore, _ => true, Time.GetUtcNow(), "rule disabled");

        await Assert.ThrowsAsync<AlarmConcurrencyException>(() => Store.SaveAsync(staleClear.Transitions));
        Assert.Single(await Store.LoadRuleAsync("light-dark"));
        Assert.Empty(await Store.LoadClearNotesAsync("light-dark"));
    }

    [Fact]
    public async Task TheFirstAcknowledgementStandsAndIsRecordedOnce()
    {
        var raised = await RaiseAsync();
        Time.Advance(TimeSpan.FromMinutes(2));

        var acknowledged = await Store.AcknowledgeAsync(raised.Id, "manager-li");
        Time.Advance(TimeSpan.FromMinutes(1));
        var again = await CreateNode().AcknowledgeAsync(raised.Id, "manager-wang");

        Assert.Equal(("manager-li", (DateTimeOffset?)Start.AddMinutes(2)), (acknowledged.AcknowledgedBy, acknowledged.AcknowledgedAt));
        Assert.Equal(acknowledged, again);
        Assert.Equal(acknowledged, await Store.GetAsync(raised.Id));
        Assert.Equal(raised.Version, acknowledged.Version);
        Assert.Single(await Store.GetHistoryAsync(raised.Id), h => h.Kind == AlarmHistoryKind.Acknowledged);
    }

    [Fact]
    public async Task TheEnginesWritesDoNotUndoAnAcknowledgement()
    {
        var raised = await RaiseAsync();
        var loadedBeforeTheAcknowledgement = await Store.LoadRuleAsync("light-dark");
        await Store.AcknowledgeAsync(raised.Id, "manager-li");

        Time.Advance(TimeSpan.FromMinutes(1));
        var evaluation = AlarmStateMachine.Apply(
            Dark, loadedBeforeTheAcknowledgement, [new SubjectObservation("light-017", North, true, Time.GetUtcNow(), "still dark")],
            AlarmStateMachine.NewAlarmId);
        await Store.SaveAsync(evaluation.Transitions);

        var alarm = await Store.GetAsync(raised.Id);
        Assert.Equal(("manager-li", "still dark"), (alarm!.AcknowledgedBy, alarm.Detail));
    }

    [Fact]
    public async Task AcknowledgingAnAlarmThatIsNotCurrentNamesIt()
    {
        var error = await Assert.ThrowsAsync<AlarmNotFoundException>(() => Store.AcknowledgeAsync("no-such-alarm", "manager-li"));

        Assert.Equal("no-such-alarm", error.AlarmId);
        Assert.Contains("no-such-alarm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkingTheWorkOrderOpenedEndsThePendingStateWithoutMovingTheVersion()
    {
        var raised = await RaiseAsync();

        await Store.MarkWorkOrderOpenedAsync(raised.Id, "WO-2026-000001");

        var alarm = await Store.GetAsync(raised.Id);
        Assert.Equal((false, "WO-2026-000001", 1), (alarm!.WorkOrderPending, alarm.WorkOrderId, alarm.Version));
    }

    [Fact]
    public async Task MarkingTheWorkOrderOfAClearedAlarmDoesNothing()
    {
        await Store.MarkWorkOrderOpenedAsync("gone", "WO-2026-000001");

        Assert.Null(await Store.GetAsync("gone"));
    }

    [Fact]
    public async Task CurrentAlarmsAreFilteredBySiteGridZoneSeverityAndAcknowledgement()
    {
        var critical = Dark with { RuleId = "mains-down", RuleName = "Mains down", Severity = AlarmSeverity.Critical };
        var minor = Dark with { RuleId = "dim-light", RuleName = "Light dim", Severity = AlarmSeverity.Minor };
        var elm = await RaiseAsync("light-017");
        Time.Advance(TimeSpan.FromSeconds(1));
        var south = await RaiseAsync("light-200", new SubjectLocation("tianfu-park", "south", "lake-road", "light-200", "light"));
        var mains = await RaiseAsync("north", new SubjectLocation("tianfu-park", "north"), critical);
        var dim = await RaiseAsync("light-018", North with { Device = "light-018" }, minor);
        await Store.AcknowledgeAsync(dim.Id, "manager-li");

        async Task<IEnumerable<string>> Ids(AlarmQuery query) => (await Store.ListCurrentAsync(query)).Select(a => a.Id);

        Assert.Equal([mains.Id, elm.Id, south.Id, dim.Id], await Ids(new AlarmQuery()));
        Assert.Equal([south.Id], await Ids(new AlarmQuery { Grid = "south" }));
        Assert.Equal([elm.Id, dim.Id], await Ids(new AlarmQuery { Zone = "elm-street" }));
        Assert.Equal([mains.Id, dim.Id], await Ids(new AlarmQuery { Severities = new HashSet<AlarmSeverity> { AlarmSeverity.Critical, AlarmSeverity.Minor } }));
        Assert.Equal([dim.Id], await Ids(new AlarmQuery { Acknowledged = true }));
        Assert.Equal([elm.Id, south.Id], await Ids(new AlarmQuery { RuleId = "light-dark", Acknowledged = false }));
        Assert.Empty(await Ids(new AlarmQuery { Site = "other-park" }));
        Assert.Equal([dim.Id], await Ids(new AlarmQuery { Subject = "light-018" }));
        Assert.Equal([elm.Id, south.Id], await Ids(new AlarmQuery { Skip = 1, Take = 2 }));
    }

    [Fact]
    public async Task ASubjectsHistorySpansRulesAndRaisesNewestFirst()
    {
        var dim = Dark with { RuleId = "dim-light", RuleName = "Light dim", Severity = AlarmSeverity.Minor, ClearAfter = TimeSpan.Zero };
        var dark = await RaiseAsync();
        Time.Advance(TimeSpan.FromMinutes(1));
        var first = await RaiseAsync(policy: dim);
        Time.Advance(TimeSpan.FromMinutes(1));
        await EvaluateAsync(holds: false, policy: dim);
        Time.Advance(TimeSpan.FromMinutes(1));
        var second = await RaiseAsync(policy: dim);
        await RaiseAsync("light-018", North with { Device = "light-018" });

        var history = await Store.GetSubjectHistoryAsync("light-017");

        Assert.Equal(
            [(second.Id, AlarmHistoryKind.Raised), (first.Id, AlarmHistoryKind.Cleared), (first.Id, AlarmHistoryKind.Raised), (dark.Id, AlarmHistoryKind.Raised)],
            history.Select(h => (h.AlarmId, h.Kind)));
        Assert.Equal(2, (await Store.GetSubjectHistoryAsync("light-017", take: 2)).Count);
    }

    [Fact]
    public async Task TheRulesWithCurrentAlarmsAreListed()
    {
        await RaiseAsync("light-017");
        await RaiseAsync("light-018", North with { Device = "light-018" });
        await RaiseAsync("north", new SubjectLocation("tianfu-park", "north"), Dark with { RuleId = "mains-down" });

        Assert.Equal(["light-dark", "mains-down"], await Store.ListRulesWithAlarmsAsync());
    }

    [Fact]
    public async Task AlarmsSurviveARestartOfTheStore()
    {
        var raised = await RaiseAsync();

        var restarted = CreateNode();
        await restarted.InitializeAsync();

        Assert.Equal(raised, Assert.Single(await restarted.LoadRuleAsync("light-dark")));
    }

    [Fact]
    public async Task InitialisingFromSeveralNodesAtOnceIsSafe()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CreateNode().InitializeAsync()));

        await RaiseAsync();
        Assert.Single(await Store.LoadRuleAsync("light-dark"));
    }

    [Fact]
    public async Task SavingNothingIsHarmless()
    {
        await Store.SaveAsync([]);

        Assert.Empty(await Store.ListCurrentAsync(new AlarmQuery()));
    }
}
