namespace ParkCommunity.CaseSystem.WorkOrders;

/// <summary>How long each priority may take from creation to resolution.</summary>
public sealed record SlaPolicy(TimeSpan P1, TimeSpan P2, TimeSpan P3, TimeSpan P4)
{
    public static SlaPolicy Default { get; } = new(
        TimeSpan.FromHours(4), TimeSpan.FromHours(24), TimeSpan.FromDays(3), TimeSpan.FromDays(7));

    public DateTimeOffset DueAt(WorkOrderPriority priority, DateTimeOffset createdAt) => createdAt + priority switch
    {
        WorkOrderPriority.P1 => P1,
        WorkOrderPriority.P2 => P2,
        WorkOrderPriority.P3 => P3,
        WorkOrderPriority.P4 => P4,
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, "Unknown priority."),
    };
}
