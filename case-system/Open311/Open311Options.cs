using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Open311;

/// <summary>Section <c>CaseSystem:Open311</c>: how residents' reports through the GeoReport v2 API become work orders.</summary>
public sealed class Open311Options
{
    /// <summary>The site a report belongs to when the client sends no <c>jurisdiction_id</c>; null makes it required.</summary>
    public string? DefaultSite { get; set; }

    /// <summary>Priority of a new report; a dispatcher or the SLA escalator raises it if needed.</summary>
    public WorkOrderPriority Priority { get; set; } = WorkOrderPriority.P3;

    /// <summary>Shown as the agency responsible when the order has no crew yet.</summary>
    public string AgencyName { get; set; } = "Park management";
}
