using System.Globalization;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.DashboardApi.Hosting;

namespace ParkCommunity.DashboardApi.WorkOrders;

/// <summary>
/// Case analytics over the work orders created in [from, to) in the caller's grids: counts by category, grid and
/// month (UTC), the median hours from creation to the first move to resolved, and the share of resolved orders that
/// were resolved by their SLA due time.
/// </summary>
internal static class WorkOrderAnalytics
{
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(3700);

    public static async Task<IResult> ReadAsync(HttpContext context, IWorkOrderStore store, TimeProvider time, string? from, string? to, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var (start, end) = errors.Range(from, to, time.GetUtcNow(), TimeSpan.FromDays(365), MaxRange);
        if (errors.Any)
        {
            return errors.Result();
        }

        var caller = Caller.From(context.User);
        var orders = new List<WorkOrder>();
        for (var skip = 0; ; skip += WorkOrderQuery.MaxTake)
        {
            var page = await store.ListAsync(new WorkOrderQuery { Grids = caller.Grids, Skip = skip, Take = WorkOrderQuery.MaxTake }, cancellationToken).ConfigureAwait(false);
            orders.AddRange(page.Where(o => o.CreatedAt >= start && o.CreatedAt < end));
            if (page.Count < WorkOrderQuery.MaxTake)
            {
                break;
            }
        }

        var hoursToResolve = new List<double>();
        var resolvedInTime = 0;
        foreach (var order in orders.Where(o => o.Status is WorkOrderStatus.Resolved or WorkOrderStatus.Closed))
        {
            var timeline = await store.GetTimelineAsync(order.Id, cancellationToken).ConfigureAwait(false);
            var resolved = timeline.FirstOrDefault(t => t.Kind == TimelineKind.StatusChanged
                && t.Text?.Contains("→ " + WireNames.Of(WorkOrderStatus.Resolved), StringComparison.Ordinal) == true);
            if (resolved is not null)
            {
                hoursToResolve.Add((resolved.At - order.CreatedAt).TotalHours);
                resolvedInTime += resolved.At <= order.SlaDueAt ? 1 : 0;
            }
        }

        return Results.Ok(new
        {
            byCategory = orders.GroupBy(o => WireNames.Of(o.Category)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new { category = g.Key, count = g.Count() }),
            byGrid = orders.GroupBy(o => o.Location.Grid).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new { grid = g.Key, count = g.Count() }),
            byMonth = orders.GroupBy(o => o.CreatedAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture)).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new { month = g.Key, count = g.Count() }),
            medianHoursToResolve = Median(hoursToResolve),
            slaCompliancePct = hoursToResolve.Count == 0 ? (double?)null : Math.Round(100.0 * resolvedInTime / hoursToResolve.Count, 1),
        });
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        var median = values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return Math.Round(median, 2);
    }
}
