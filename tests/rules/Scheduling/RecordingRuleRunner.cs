using System.Collections.Concurrent;
using ParkCommunity.Rules.Scheduling;

namespace ParkCommunity.Rules.Tests.Scheduling;

/// <summary>Records every firing it is asked to evaluate and lets a test await the n-th one of a rule.</summary>
internal sealed class RecordingRuleRunner : IRuleRunner
{
    /// <summary>How long each evaluation takes, to make a node busy.</summary>
    public TimeSpan WorkPerRun { get; set; } = TimeSpan.Zero;

    private readonly ConcurrentQueue<RuleFiring> _firings = new();
    private readonly ConcurrentQueue<(string RuleId, int Count, TaskCompletionSource Done)> _waiters = new();

    public IReadOnlyList<RuleFiring> Firings => [.. _firings];

    public int Runs(string ruleId) => _firings.Count(firing => firing.RuleId == ruleId);

    public async Task RunAsync(RuleFiring firing, CancellationToken cancellationToken)
    {
        if (WorkPerRun > TimeSpan.Zero)
        {
            await Task.Delay(WorkPerRun, cancellationToken);
        }

        _firings.Enqueue(firing);
        var count = Runs(firing.RuleId);
        foreach (var waiter in _waiters.Where(w => w.RuleId == firing.RuleId && count >= w.Count))
        {
            waiter.Done.TrySetResult();
        }
    }

    public Task WaitForRunsAsync(string ruleId, int count, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Enqueue((ruleId, count, done));
        if (Runs(ruleId) >= count)
        {
            done.TrySetResult();
        }

        return done.Task.WaitAsync(timeout);
    }
}
