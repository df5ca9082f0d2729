namespace ParkCommunity.CaseSystem.WorkOrders;

/// <summary>Why a work order exists: an alarm of the rule engine or a report from a resident.</summary>
public abstract record WorkOrderSource;

/// <summary>Raised by the rule engine; at most one active work order exists per alarm key.</summary>
public sealed record AlarmSource(AlarmKey AlarmKey) : WorkOrderSource;

/// <summary>
/// A resident's report (12345-style hotline, app, front desk). Privacy: only the channel and an optional call-back
/// contact are kept — no name, no address — and only so the crew can ask for details.
/// </summary>
public sealed record ResidentReport(string Channel, string? CallbackContact = null) : WorkOrderSource;
