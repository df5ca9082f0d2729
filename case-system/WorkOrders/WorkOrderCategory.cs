namespace ParkCommunity.CaseSystem.WorkOrders;

/// <summary>The trade a work order needs; crews are routed by it.</summary>
public enum WorkOrderCategory
{
    Electrical,
    Gardening,
    Parking,
    Security,
    Cleaning,
    Other,
}
