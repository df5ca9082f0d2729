using System.Collections.Concurrent;
using ParkCommunity.Rules.Scheduling;

namespace ParkCommunity.Rules.Tests.Scheduling;

/// <summary>Counts evaluations per rule and lets a test await the n-th one.</summary>
internal sealed class RecordingRuleRunner : IRuleRunner
{
    private readonly ConcurrentDictionary<string, int> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string RuleId, int Count, TaskCompletionSource Done)> _waiters = new();

    public int Runs(string ruleId) => _runs.GetValueOrDefault(ruleId);

    public Task RunAsync(string ruleId, CancellationToken cancellationToken)
    {
        var count = _runs.AddOrUpdate(ruleId, 1, (_, n) => n + 1);
        foreach (var waiter in _waiters.Where(w => w.RuleId == ruleId && count >= w.Count))
        {
            waiter.Done.TrySetResult();
        }

        return Task.CompletedTask;
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
