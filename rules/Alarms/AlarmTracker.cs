using Microsoft.Extensions.Logging;
using ParkCommunity.Rules.Alarms.Storage;
using ParkCommunity.Rules.WorkOrders;

namespace ParkCommunity.Rules.Alarms;

/// <summary>
/// Keeps a rule's alarms across evaluations: loads them, applies the evaluation with <see cref="AlarmStateMachine"/>,
/// saves the changes in one transaction, and only then acts on them (work orders). Safe to run on several nodes and
/// across restarts: a save made stale by another writer fails and is redone from fresh state, and an alarm's work
/// order is retried at every evaluation until it exists (<see cref="Alarm.WorkOrderPending"/>).
/// </summary>
public sealed class AlarmTracker
{
    /// <summary>How often a stale save is redone before the conflict reaches the caller (the next trigger tries again).</summary>
    public const int MaxSaveAttempts = 3;

    private readonly IAlarmStore _store;
    private readonly AlarmWorkOrderBridge _workOrders;
    private readonly TimeProvider _time;
    private readonly AlarmMetrics _metrics;
    private readonly ILogger _logger;

    public AlarmTracker(IAlarmStore store, AlarmWorkOrderBridge workOrders, TimeProvider time, AlarmMetrics metrics, ILogger<AlarmTracker> logger)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _workOrders = workOrders ?? throw new ArgumentNullException(nameof(workOrders));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Applies one evaluation of a rule and returns what changed. Subjects without an observation keep their alarms
    /// (see <see cref="ClearAsync"/> for subjects that left the rule). Throws when the alarms cannot be saved, and — after
    /// trying every alarm — an <see cref="AggregateException"/> when some work order could not be opened or noted; the
    /// alarms are saved by then, and the next evaluation of the rule retries what failed. A rule without a work order
    /// (<paramref name="template"/> null) keeps alarms only.
    /// </summary>
    public async Task<IReadOnlyList<AlarmTransition>> ProcessAsync(
        AlarmPolicy policy, IReadOnlyList<SubjectObservation> observations, WorkOrderTemplate? template, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(observations);
        var evaluation = await ApplyAndSaveAsync(
                policy.RuleId, current => AlarmStateMachine.Apply(policy, current, observations, AlarmStateMachine.NewAlarmId), cancellationToken)
            .ConfigureAwait(false);
        await FollowUpAsync(policy.RuleId, evaluation, template, cancellationToken).ConfigureAwait(false);
        return evaluation.Transitions;
    }

    /// <summary>
    /// Clears a rule's alarms at once, without the hold-off, and notes it on their work orders: with
    /// <paramref name="keepSubjects"/> null every alarm of the rule (the rule was disabled or deleted), otherwise those
    /// whose subject is not in it (the subjects left the rule's selection). <paramref name="reason"/> is recorded.
    /// </summary>
    public async Task<IReadOnlyList<AlarmTransition>> ClearAsync(
        string ruleId, string reason, IReadOnlySet<string>? keepSubjects = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
        var evaluation = await ApplyAndSaveAsync(
                ruleId,
                current => AlarmStateMachine.ClearNow(current, alarm => keepSubjects?.Contains(alarm.Subject) != true, at, reason),
                cancellationToken)
            .ConfigureAwait(false);
        if (evaluation.Transitions.Count > 0)
        {
            _logger.AlarmsClearedAtOnce(evaluation.Transitions.Count, ruleId, reason);
        }

        // Without a template only the clears are followed up; pending work orders of the alarms kept wait for the
        // rule's next evaluation (a disabled rule's alarms are all cleared, so none wait).
        await FollowUpAsync(ruleId, evaluation, template: null, cancellationToken).ConfigureAwait(false);
        return evaluation.Transitions;
    }

    private async Task<AlarmEvaluation> ApplyAndSaveAsync(
        string ruleId, Func<IReadOnlyList<Alarm>, AlarmEvaluation> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await _store.LoadRuleAsync(ruleId, cancellationToken).ConfigureAwait(false);
            var evaluation = apply(current);
            try
            {
                await _store.SaveAsync(evaluation.Transitions, cancellationToken).ConfigureAwait(false);
            }
            catch (AlarmConcurrencyException conflict) when (attempt < MaxSaveAttempts)
            {
                // Re-applying the same observations to the fresh state is what the other writer's result calls for:
                // an alarm it raised is now current, so this run updates it instead of raising it again.
                _logger.AlarmSaveConflict(ruleId, conflict.Message, attempt + 1);
                continue;
            }

            Report(evaluation.Transitions);
            return evaluation;
        }
    }

    private void Report(IReadOnlyList<AlarmTransition> transitions)
    {
        foreach (var transition in transitions)
        {
            var alarm = transition.Alarm;
            if (transition.Kind == AlarmTransitionKind.Raised)
            {
                _logger.AlarmRaised(alarm.Id, alarm.RuleId, alarm.Subject, alarm.Severity, transition.Detail);
                _metrics.Raised(alarm);
            }
            else if (transition.Kind == AlarmTransitionKind.Cleared)
            {
                _logger.AlarmCleared(alarm.Id, alarm.RuleId, alarm.Subject, transition.Detail);
                _metrics.Cleared(alarm);
            }
        }
    }

    /// <summary>
    /// Opens the work order of every current alarm that still lacks one — just raised, or left pending by a crash, an
    /// error or another node — and notes every clear not yet noted on its order. One alarm's failure does not stop the
    /// others. An alarm raised and cleared within one evaluation gets no work order: the fault is gone before anyone could act.
    /// </summary>
    private async Task FollowUpAsync(string ruleId, AlarmEvaluation evaluation, WorkOrderTemplate? template, CancellationToken cancellationToken)
    {
        var failures = new List<Exception>();
        var raisedNow = evaluation.Transitions.Where(t => t.Kind == AlarmTransitionKind.Raised).Select(t => t.Alarm.Id).ToHashSet(StringComparer.Ordinal);
        var pending = template is null ? [] : evaluation.Current.Where(alarm => alarm.WorkOrderPending);
        foreach (var alarm in pending)
        {
            if (!raisedNow.Contains(alarm.Id))
            {
                _logger.AlarmWorkOrderCatchingUp(alarm.Id, alarm.RuleId, alarm.Subject);
            }

            await TryAsync(alarm.Id, alarm.RuleId, alarm.Subject, failures, async () =>
            {
                var workOrderId = await _workOrders.OpenAsync(alarm, template!, cancellationToken).ConfigureAwait(false);
                await _store.MarkWorkOrderOpenedAsync(alarm.Id, workOrderId, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        // Every clear not yet noted, this evaluation's and any an earlier failure or crash left behind.
        foreach (var clear in await _store.LoadClearNotesAsync(ruleId, cancellationToken).ConfigureAwait(false))
        {
            await TryAsync(clear.AlarmId, clear.RuleId, clear.Subject, failures, async () =>
            {
                await _workOrders.NoteClearedAsync(clear, cancellationToken).ConfigureAwait(false);
                await _store.ClearNotedAsync(clear.AlarmId, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        if (failures.Count > 0)
        {
            throw new AggregateException(
                $"{failures.Count} work order action(s) for alarms of rule '{ruleId}' failed. The alarms are saved; the next " +
                "evaluation of the rule retries them.",
                failures);
        }
    }

    private async Task TryAsync(string alarmId, string ruleId, string subject, List<Exception> failures, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.AlarmWorkOrderFailed(exception, alarmId, ruleId, subject);
            failures.Add(exception);
        }
    }
}
