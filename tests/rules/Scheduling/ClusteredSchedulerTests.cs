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
        // Each evaluation takes half a second: 20 rules due every second need more than one node's 4 threads can give.
        nodeA.Runner.WorkPerRun = nodeB.Runner.WorkPerRun = TimeSpan.FromMilliseconds(500);
        // Both nodes sync the same rule files before their schedulers start, as every node does at start-up. (A node
        // already idle learns of triggers another node adds only after its idle wait, up to 30 s — fine in
        // production, too slow for a test.)
        var now = TimeProvider.System.GetUtcNow();
        await RuleScheduleSynchronizer.ApplyAsync(await nodeA.SchedulerAsync(), rules, now, CancellationToken.None);
        await RuleScheduleSynchronizer.ApplyAsync(await nodeB.SchedulerAsync(), rules, now, CancellationToken.None);
        await nodeA.Host.StartAsync();
        await nodeB.Host.StartAsync();
        await Task.WhenAll(rules.Select(rule => WaitForRunsOnEitherAsync(nodeA, nodeB, rule.RuleId, 4)));

        var firings = nodeA.Runner.Firings.Concat(nodeB.Runner.Firings).ToList();
        var repeated = firings.GroupBy(f => (f.RuleId, f.ScheduledAt)).Where(g => g.Count() > 1).Select(g => $"{g.Key.RuleId}@{g.Key.ScheduledAt:O}").ToList();
        Assert.Empty(repeated);
        Assert.Equal(firings.Count, firings.Select(f => f.FireInstanceId).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rules, rule => Assert.True(firings.Count(f => f.RuleId == rule.RuleId) >= 4, rule.RuleId));
        // Both nodes take part, since neither can keep up alone.
        Assert.True(nodeA.Runner.Firings.Count > 0 && nodeB.Runner.Firings.Count > 0, $"node a fired {nodeA.Runner.Firings.Count}, node b {nodeB.Runner.Firings.Count}");
    }

    private RuleEngineOptions ClusterNode(string id) => new()
    {
        JobStore = JobStoreDatabase.Postgres,
        JobStorePostgresConnectionString = database.ConnectionString,
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
