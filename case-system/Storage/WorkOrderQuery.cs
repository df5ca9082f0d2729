using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Storage;

/// <summary>
/// Filters for <see cref="IWorkOrderStore.ListAsync"/>; unset (null or empty) filters match everything.
/// <see cref="OverdueAt"/> keeps only orders still needing work whose SLA ended before that time.
/// </summary>
public sealed record WorkOrderQuery
{
    public const int MaxTake = 500;

    public IReadOnlySet<WorkOrderStatus>? Statuses { get; init; }

    public IReadOnlySet<string>? Grids { get; init; }

    public string? Site { get; init; }

    public WorkOrderCategory? Category { get; init; }

    public string? AssigneeCrewId { get; init; }

    public string? AssigneePerson { get; init; }

    public DateTimeOffset? OverdueAt { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 100;

    internal void Validate()
    {
        if (Skip < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Skip), Skip, "Skip must not be negative.");
        }

        if (Take is < 1 or > MaxTake)
        {
            throw new ArgumentOutOfRangeException(nameof(Take), Take, $"Take must be between 1 and {MaxTake}.");
        }
    }
}
