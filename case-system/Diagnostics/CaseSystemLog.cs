using Microsoft.Extensions.Logging;

namespace ParkCommunity.CaseSystem.Diagnostics;

/// <summary>Case system log messages; event ids 5000–5099.</summary>
internal static partial class CaseSystemLog
{
    [LoggerMessage(5000, LogLevel.Information, "Work order {WorkOrderId} created ({Category}, {Priority}) in grid {Grid} by {Actor}")]
    public static partial void WorkOrderCreated(this ILogger logger, string workOrderId, string category, string priority, string grid, string actor);

    [LoggerMessage(5001, LogLevel.Debug, "Alarm {AlarmKey} already has active work order {WorkOrderId}; not opening another")]
    public static partial void AlarmAlreadyHasWorkOrder(this ILogger logger, string alarmKey, string workOrderId);

    [LoggerMessage(5002, LogLevel.Information, "Work order {WorkOrderId} moved from {From} to {To} by {Actor}")]
    public static partial void WorkOrderTransitioned(this ILogger logger, string workOrderId, string from, string to, string actor);

    [LoggerMessage(5003, LogLevel.Information, "Work order {WorkOrderId} assigned to {Assignee} by {Actor}")]
    public static partial void WorkOrderAssigned(this ILogger logger, string workOrderId, string assignee, string actor);

    [LoggerMessage(5004, LogLevel.Information, "Case schema at version {Version} ({Applied} migrations applied)")]
    public static partial void SchemaReady(this ILogger logger, int version, int applied);

    [LoggerMessage(5005, LogLevel.Debug, "Another node opened a work order for alarm {AlarmKey} at the same time; using theirs")]
    public static partial void AlarmCreateRaceLost(this ILogger logger, string alarmKey);

    [LoggerMessage(5006, LogLevel.Warning, "Work order {WorkOrderId} escalated from {From} to {To} by {Actor}")]
    public static partial void WorkOrderEscalated(this ILogger logger, string workOrderId, string from, string to, string actor);

    [LoggerMessage(5007, LogLevel.Warning, "Work order {WorkOrderId} escalated, but grid {Grid} has no manager in the crew roster to notify")]
    public static partial void EscalatedWithoutManager(this ILogger logger, string workOrderId, string grid);

    [LoggerMessage(5008, LogLevel.Debug, "Work order {WorkOrderId} not escalated this time: {Reason}")]
    public static partial void EscalationSkipped(this ILogger logger, string workOrderId, string reason);

    [LoggerMessage(5009, LogLevel.Information, "Work order {WorkOrderId} left open: {Reason}")]
    public static partial void WorkOrderNotRouted(this ILogger logger, string workOrderId, string reason);
}
