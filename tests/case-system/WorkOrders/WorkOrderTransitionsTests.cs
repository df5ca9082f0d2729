using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Tests.WorkOrders;

public sealed class WorkOrderTransitionsTests
{
    [Fact]
    public void TheTableAllowsExactlyTheDocumentedMoves()
    {
        var allowed = Enum.GetValues<WorkOrderStatus>()
            .SelectMany(from => Enum.GetValues<WorkOrderStatus>().Select(to => (from, to)))
            .Where(pair => WorkOrderTransitions.IsAllowed(pair.from, pair.to))
            .Select(pair => $"{WireNames.Of(pair.from)}->{WireNames.Of(pair.to)}");

        string[] documented =
            [
                "open->assigned", "open->cancelled",
                "assigned->assigned", "assigned->in_progress", "assigned->cancelled",
                "in_progress->resolved", "in_progress->cancelled",
                "resolved->in_progress", "resolved->closed", "resolved->cancelled",
            ];

        Assert.Equal(documented.Order(), allowed.Order());
    }

    [Fact]
    public void ARefusedMoveNamesTheOrderAndBothStatuses()
    {
        var error = Assert.Throws<InvalidWorkOrderTransitionException>(
            () => WorkOrderTransitions.EnsureAllowed("WO-2026-000007", WorkOrderStatus.Closed, WorkOrderStatus.InProgress));

        Assert.Equal("Work order WO-2026-000007 cannot move from closed to in_progress.", error.Message);
    }

    [Theory]
    [InlineData(WorkOrderStatus.Closed, true)]
    [InlineData(WorkOrderStatus.Cancelled, true)]
    [InlineData(WorkOrderStatus.Resolved, false)]
    [InlineData(WorkOrderStatus.Open, false)]
    public void OnlyClosedAndCancelledAreTerminal(WorkOrderStatus status, bool terminal) =>
        Assert.Equal(terminal, WorkOrderTransitions.IsTerminal(status));
}
