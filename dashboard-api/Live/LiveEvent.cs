namespace ParkCommunity.DashboardApi.Live;

/// <summary>One live update: the SSE event name, the grid it concerns (for scoping) and the JSON payload.</summary>
internal sealed record LiveEvent(string Name, string Grid, object Payload)
{
    public const string DeviceStatus = "device-status";
    public const string Alarm = "alarm";
    public const string WorkOrder = "work-order";
}
