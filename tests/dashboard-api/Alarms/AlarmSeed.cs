using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Alarms.Storage;

namespace ParkCommunity.DashboardApi.Tests.Alarms;

/// <summary>Raises and clears alarms through the real state machine and alarm store, as the rule engine does.</summary>
internal static class AlarmSeed
{
    public static readonly SubjectLocation North = new("tianfu-park", "north", "north-street", "light-n-001", "light");
    public static readonly SubjectLocation South = new("tianfu-park", "south", "south-street", "light-s-001", "light");

    public static AlarmPolicy Policy(string ruleId = "lamp-failure", AlarmSeverity severity = AlarmSeverity.Major) =>
        new(ruleId, "Lamp switched on but dark", severity, TimeSpan.FromMinutes(2));

    public static async Task<Alarm> RaiseAsync(IAlarmStore store, SubjectLocation location, DateTimeOffset at, AlarmPolicy? policy = null)
    {
        policy ??= Policy();
        var current = await store.LoadRuleAsync(policy.RuleId);
        var evaluation = AlarmStateMachine.Apply(
            policy, current, [new SubjectObservation(location.Device!, location, true, at, "power_w = 0.4")], AlarmStateMachine.NewAlarmId);
        await store.SaveAsync(evaluation.Transitions);
        return evaluation.Transitions.Single().Alarm;
    }

    public static async Task ClearAsync(IAlarmStore store, Alarm alarm, DateTimeOffset at)
    {
        var current = await store.LoadRuleAsync(alarm.RuleId);
        var evaluation = AlarmStateMachine.ClearNow(current, a => a.Id == alarm.Id, at, "test");
        await store.SaveAsync(evaluation.Transitions);
    }
}
