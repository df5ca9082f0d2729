using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.Rules.Alarms;

namespace ParkCommunity.DashboardApi.Alarms;

/// <summary>What the status views need from the alarm store: the devices with a current alarm, and how many alarms there are.</summary>
internal interface IActiveAlarms
{
    /// <summary>Ids of devices with at least one current (not yet cleared) alarm, and the total number of current alarms.</summary>
    Task<(IReadOnlySet<string> AlarmedDevices, int ActiveCount)> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>
/// <see cref="IActiveAlarms"/> over the rule engine's alarm store, limited to the current request's caller's grids — the
/// status summary must not count alarms of grids the caller cannot see. Outside a request (no caller) it counts all.
/// </summary>
internal sealed class StoreActiveAlarms(CurrentAlarms alarms, IHttpContextAccessor request) : IActiveAlarms
{
    public async Task<(IReadOnlySet<string> AlarmedDevices, int ActiveCount)> ReadAsync(CancellationToken cancellationToken)
    {
        var caller = request.HttpContext?.User is { Identity.IsAuthenticated: true } user ? Caller.From(user) : null;
        var current = (await alarms.ReadAsync(new AlarmQuery(), cancellationToken).ConfigureAwait(false))
            .Where(a => caller is null || AlarmViews.Sees(caller, a.Location.Grid)).ToList();
        var devices = current.Select(a => a.Location.Device).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return (devices, current.Count);
    }
}
