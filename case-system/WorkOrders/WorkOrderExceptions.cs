namespace ParkCommunity.CaseSystem.WorkOrders;

/// <summary>The state machine forbids this move (see <see cref="WorkOrderTransitions"/>).</summary>
public sealed class InvalidWorkOrderTransitionException : InvalidOperationException
{
    public InvalidWorkOrderTransitionException(string workOrderId, WorkOrderStatus from, WorkOrderStatus to)
        : base($"Work order {workOrderId} cannot move from {WireNames.Of(from)} to {WireNames.Of(to)}.")
    {
        WorkOrderId = workOrderId;
        From = from;
        To = to;
    }

    public InvalidWorkOrderTransitionException() { }

    public InvalidWorkOrderTransitionException(string message) : base(message) { }

    public InvalidWorkOrderTransitionException(string message, Exception inner) : base(message, inner) { }

    public string WorkOrderId { get; } = "";

    public WorkOrderStatus From { get; }

    public WorkOrderStatus To { get; }
}

/// <summary>Someone else changed the work order since the caller read it (its version moved on).</summary>
public sealed class WorkOrderConcurrencyException : InvalidOperationException
{
    public WorkOrderConcurrencyException(string workOrderId, int expectedVersion, int actualVersion)
        : base($"Work order {workOrderId} is at version {actualVersion}, not {expectedVersion}: it changed since it was read.")
    {
        WorkOrderId = workOrderId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    public WorkOrderConcurrencyException() { }

    public WorkOrderConcurrencyException(string message) : base(message) { }

    public WorkOrderConcurrencyException(string message, Exception inner) : base(message, inner) { }

    public string WorkOrderId { get; } = "";

    public int ExpectedVersion { get; }

    public int ActualVersion { get; }
}

/// <summary>No work order has this id.</summary>
public sealed class WorkOrderNotFoundException : KeyNotFoundException
{
    private WorkOrderNotFoundException(string workOrderId, string message) : base(message) => WorkOrderId = workOrderId;

    public WorkOrderNotFoundException() { }

    public WorkOrderNotFoundException(string message) : base(message) { }

    public WorkOrderNotFoundException(string message, Exception inner) : base(message, inner) { }

    public string WorkOrderId { get; } = "";

    internal static WorkOrderNotFoundException For(string workOrderId) =>
        new(workOrderId, $"Work order {workOrderId} does not exist.");
}

/// <summary>A new work order or timeline entry is not acceptable; <see cref="Exception.Message"/> lists every problem.</summary>
public sealed class InvalidWorkOrderException : ArgumentException
{
    public InvalidWorkOrderException(IReadOnlyList<string> problems)
        : base("Invalid work order: " + string.Join("; ", problems)) => Problems = problems;

    public InvalidWorkOrderException() => Problems = [];

    public InvalidWorkOrderException(string message) : base(message) => Problems = [message];

    public InvalidWorkOrderException(string message, Exception inner) : base(message, inner) => Problems = [message];

    public IReadOnlyList<string> Problems { get; }
}

/// <summary>The order is resolved, closed or cancelled, so there is nothing left to escalate.</summary>
public sealed class WorkOrderNotActiveException : InvalidOperationException
{
    public WorkOrderNotActiveException(string workOrderId, WorkOrderStatus status)
        : base($"Work order {workOrderId} is {WireNames.Of(status)}, not active; only open, assigned or in-progress orders can be escalated.")
    {
        WorkOrderId = workOrderId;
        Status = status;
    }

    public WorkOrderNotActiveException() { }

    public WorkOrderNotActiveException(string message) : base(message) { }

    public WorkOrderNotActiveException(string message, Exception inner) : base(message, inner) { }

    public string WorkOrderId { get; } = "";

    public WorkOrderStatus Status { get; }
}
