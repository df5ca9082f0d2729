using ParkCommunity.Rules.Hosting;
using ParkCommunity.Rules.Scheduling;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.Scheduling;

/// <summary>Two rule-engine nodes sharing one PostgreSQL job store, as in production.</summary>
public sealed class ClusteredSchedulerTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    [Fact]
    public async Task TwoNodesOnOneJobStoreFireEachTriggerExactlyOnce()
    {
        var rules = Enumerable.Range(1, 20).Select(i => new ScheduledRule($"rule-{i:D2}", TimeSpan.FromSeconds(1), true)).ToList();
        await using var nodeA = QuartzTestHost.Create(ClusterNode("node-a"));
        await using var nodeB = QuartzTestHost.Create(ClusterNode("node-b"));
        await nodeA.Host.StartAsync();
        await nodeB.Host.StartAsync();

        // Both nodes sync the same rule files, as every node does at start.
        var now = TimeProvider.System.GetUtcNow();
        await RuleScheduleSynchronizer.ApplyAsync(await nodeA.SchedulerAsync(), rules, now, CancellationToken.None);
        await RuleScheduleSynchronizer.ApplyAsync(await nodeB.SchedulerAsync(), rules, now, CancellationToken.None);
        await Task.WhenAll(rules.Select(rule => WaitForRunsOnEitherAsync(nodeA, nodeB, rule.RuleId, 4)));

        var firings = nodeA.Runner.Firings.Concat(nodeB.Runner.Firings).ToList();
        var repeated = firings.GroupBy(f => (f.RuleId, f.ScheduledAt)).Where(g => g.Count() > 1).Select(g => $"{g.Key.RuleId}@{g.Key.ScheduledAt:O}").ToList();
        Assert.Empty(repeated);
        Assert.Equal(firings.Count, firings.Select(f => f.FireInstanceId).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rules, rule => Assert.True(firings.Count(f => f.RuleId == rule.RuleId) >= 4, rule.RuleId));
        // Both nodes take part: each acquires due triggers under the cluster lock in turn.
        Assert.NotEmpty(nodeA.Runner.Firings);
        Assert.NotEmpty(nodeB.Runner.Firings);
    }

    private RuleEngineOptions ClusterNode(string id) => new()
    {
        Database = RuleEngineDatabase.Postgres,
        PostgresConnectionString = database.ConnectionString,
        InstanceId = id,
    };

    private static async Task WaitForRunsOnEitherAsync(QuartzTestHost a, QuartzTestHost b, string ruleId, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (a.Runner.Runs(ruleId) + b.Runner.Runs(ruleId) < count)
        {
            await Task.Delay(100, deadline.Token);
        }
    }
}
