namespace ParkCommunity.CaseSystem.WorkOrders;

/// <summary>P1 is the most urgent (e.g. a dark street at night); P4 can wait for the next round.</summary>
public enum WorkOrderPriority
{
    P1 = 1,
    P2 = 2,
    P3 = 3,
    P4 = 4,
}
