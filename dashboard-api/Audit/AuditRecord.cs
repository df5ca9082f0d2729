namespace ParkCommunity.DashboardApi.Audit;

/// <summary>One audited action: who did what to which thing, when and from where.</summary>
internal sealed record AuditRecord(DateTimeOffset At, string Actor, string Action, string Target, string? Detail, string? Ip);

/// <summary>Filters for reading the audit log; unset filters match everything. Newest first.</summary>
internal sealed record AuditQuery(DateTimeOffset? From = null, DateTimeOffset? To = null, string? Actor = null, string? Action = null, int Limit = 100)
{
    public const int MaxLimit = 10_000;
}

/// <summary>The action names stored in the log and shown to auditors.</summary>
internal static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string WorkOrderAssign = "work-order.assign";
    public const string WorkOrderTransition = "work-order.transition";
    public const string WorkOrderComment = "work-order.comment";
    public const string RuleEnable = "rule.enable";
    public const string RuleDisable = "rule.disable";
    public const string AccountCreate = "account.create";
    public const string AccountPasswordChange = "account.password-change";
    public const string AccountAccessChange = "account.access";
    public const string AccountDisable = "account.disable";
    public const string AccountEnable = "account.enable";
    public const string PersonalDataRead = "personal-data.read";
}
