namespace ParkCommunity.DashboardApi.Alarms;

/// <summary>
/// What the status views need from the alarm store: the active alarms per device. The rule engine's alarm store
/// (rules/) plugs in here; until it does, <see cref="NoActiveAlarms"/> reports none.
/// </summary>
internal interface IActiveAlarms
{
    /// <summary>Ids of devices with at least one active alarm, and the total number of active alarms.</summary>
    Task<(IReadOnlySet<string> AlarmedDevices, int ActiveCount)> ReadAsync(CancellationToken cancellationToken);
}

internal sealed class NoActiveAlarms : IActiveAlarms
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    public Task<(IReadOnlySet<string> AlarmedDevices, int ActiveCount)> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult((None, 0));
}
