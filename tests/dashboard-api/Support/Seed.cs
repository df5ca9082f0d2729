using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.DashboardApi.Tests.Support;

/// <summary>Writes test data through the real stores the dashboard reads.</summary>
public static class Seed
{
    /// <summary>Writes one point of a sample-registry device (site tianfu-park).</summary>
    public static async Task PointAsync(ITelemetryWriter writer, string kind, string grid, string zone, string device, DateTimeOffset at, params TelemetryField[] fields)
    {
        var batch = new TelemetryBatch();
        batch.Add(new SeriesKey(kind, "tianfu-park", grid, zone, device), at.ToUnixTimeMilliseconds(), null, fields);
        var result = await writer.WriteAsync(batch, CancellationToken.None);
        Assert.Empty(result.Rejected);
    }

    public static Task StatusAsync(ITelemetryWriter writer, string kind, string grid, string zone, string device, DateTimeOffset at, string status) =>
        PointAsync(writer, kind + "_events", grid, zone, device, at, TelemetryField.OfText("type", "status"), TelemetryField.OfText("status", status));

    public static async Task<WorkOrder> OrderAsync(IWorkOrderStore store, string grid, string? callbackContact = null, WorkOrderCategory category = WorkOrderCategory.Electrical, DateTimeOffset? slaDueAt = null)
    {
        var zone = grid + "-street";
        var device = grid switch { "north" => "light-n-001", "central" => "light-c-001", _ => "light-s-001" };
        return await store.CreateAsync(
            new NewWorkOrder("Street light dark", category, WorkOrderPriority.P2, new WorkOrderLocation("tianfu-park", grid, zone, device), "test", slaDueAt),
            new ResidentReport("hotline", callbackContact));
    }
}
