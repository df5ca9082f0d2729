using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Alarms.Storage;

namespace ParkCommunity.DashboardApi.Alarms;

/// <summary>Every current alarm matching a query, read page by page (the store hands out at most <see cref="AlarmQuery.MaxTake"/> at once).</summary>
internal sealed class CurrentAlarms(IAlarmStore store)
{
    /// <summary>A bound on pages read, so a runaway alarm storm cannot make one request read without end.</summary>
    private const int MaxPages = 20;

    public async Task<IReadOnlyList<Alarm>> ReadAsync(AlarmQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = new List<Alarm>();
        for (var page = 0; page < MaxPages; page++)
        {
            var batch = await store.ListCurrentAsync(query with { Skip = page * AlarmQuery.MaxTake, Take = AlarmQuery.MaxTake }, cancellationToken)
                .ConfigureAwait(false);
            all.AddRange(batch);
            if (batch.Count < AlarmQuery.MaxTake)
            {
                break;
            }
        }

        return all;
    }
}
