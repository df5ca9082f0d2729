using Microsoft.Extensions.Logging;

namespace ParkCommunity.Rules.WorkOrders;

/// <summary>Log messages of the alarm → work order bridge; event ids 3100–3199.</summary>
internal static partial class WorkOrderBridgeLog
{
    [LoggerMessage(3100, LogLevel.Information, "Work order {WorkOrderId} opened for alarm {AlarmKey}")]
    public static partial void WorkOrderOpened(this ILogger logger, string workOrderId, string alarmKey);

    [LoggerMessage(3101, LogLevel.Debug, "Alarm {AlarmKey} already has work order {WorkOrderId}")]
    public static partial void WorkOrderAlreadyOpen(this ILogger logger, string alarmKey, string workOrderId);

    [LoggerMessage(3102, LogLevel.Information, "Work order {WorkOrderId} assigned to crew {CrewId}: {Reason}")]
    public static partial void WorkOrderRouted(this ILogger logger, string workOrderId, string crewId, string reason);

    [LoggerMessage(3103, LogLevel.Warning, "Work order {WorkOrderId} left open, no crew to assign: {Reason}")]
    public static partial void WorkOrderUnrouted(this ILogger logger, string workOrderId, string reason);

    [LoggerMessage(3104, LogLevel.Debug, "Work order {WorkOrderId} changed before the rule engine could assign it; leaving it as it is")]
    public static partial void WorkOrderChangedBeforeRouting(this ILogger logger, string workOrderId);

    [LoggerMessage(3105, LogLevel.Information, "Alarm {AlarmKey} cleared; noted on work order {WorkOrderId}")]
    public static partial void AlarmClearedNoted(this ILogger logger, string alarmKey, string workOrderId);

    [LoggerMessage(3106, LogLevel.Debug, "Alarm {AlarmKey} cleared with no open work order to note it on")]
    public static partial void AlarmClearedWithoutOrder(this ILogger logger, string alarmKey);

    [LoggerMessage(3107, LogLevel.Error, "No work order can be opened for alarm {AlarmId} of rule {RuleId} for {Subject}: {Problem}")]
    public static partial void WorkOrderImpossible(this ILogger logger, string alarmId, string ruleId, string subject, string problem);
}
