namespace ParkCommunity.DashboardApi.Accounts;

/// <summary>
/// The documented demo accounts of the sample community (README, docs/dashboard-api.md). Their passwords are public,
/// so a Production host refuses to start while any account still has one.
/// </summary>
internal static class DemoAccounts
{
    public const string Site = "tianfu-park";

    public static IReadOnlyList<DemoAccount> All { get; } =
    [
        new("admin", "admin-demo", "Administrator", Roles.Admin, [], null),
        new("manager-north", "manager-demo", "North grid manager", Roles.Manager, ["north"], null),
        new("manager", "manager-demo", "Site manager", Roles.Manager, ["north", "central", "south"], null),
        new("crew-electric", "crew-demo", "Electricians (day)", Roles.Crew, ["north", "central", "south"], "electricians-day"),
        new("crew-north", "crew-demo", "Caretakers north", Roles.Crew, ["north"], "caretakers-north"),
        new("planner", "planner-demo", "Planner", Roles.Planner, [], null),
        new("auditor", "auditor-demo", "Auditor", Roles.Auditor, [], null),
    ];
}

/// <summary>One demo account with its public password.</summary>
internal sealed record DemoAccount(string Username, string Password, string DisplayName, string Role, IReadOnlyList<string> Grids, string? CrewId);
