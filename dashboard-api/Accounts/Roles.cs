namespace ParkCommunity.DashboardApi.Accounts;

/// <summary>The role names, as they appear in claims, in <c>/api/me</c> and in the accounts table.</summary>
internal static class Roles
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Crew = "crew";
    public const string Planner = "planner";
    public const string Auditor = "auditor";

    public static IReadOnlyList<string> All { get; } = [Admin, Manager, Crew, Planner, Auditor];

    /// <summary>Roles that see every grid whatever the account's grid list says.</summary>
    public static bool SeesAllGrids(string role) => role is Admin or Planner or Auditor;
}
