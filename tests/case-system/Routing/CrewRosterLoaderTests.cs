using ParkCommunity.CaseSystem.Routing;

namespace ParkCommunity.CaseSystem.Tests.Routing;

public sealed class CrewRosterLoaderTests
{
    private static CrewRosterException Refused(string yaml) =>
        Assert.Throws<CrewRosterException>(() => CrewRosterLoader.Parse(new StringReader(yaml), "crews.yaml"));

    [Fact]
    public void EveryProblemIsReportedWithItsFileAndLine()
    {
        var error = Refused("""
            timeZone: Mars/Olympus
            crews:
              - id: sparks
                skills: [electrical, plumbing]
                grids: [north]
                shifts:
                  - days: [mon, funday]
                    from: "08:00"
                    to: "25:00"
            defaults:
              north: nobody
            """);

        Assert.Equal(
            [
                "crews.yaml:1: unknown time zone 'Mars/Olympus'",
                "crews.yaml:4: unknown skill 'plumbing' (one of: electrical, gardening, parking, security, cleaning, other)",
                "crews.yaml:7: unknown day 'funday' (mon, tue, wed, thu, fri, sat, sun)",
                "crews.yaml:9: shift 'to' must be a local time HH:mm, not '25:00'",
                "crews.yaml:11: default crew 'nobody' for grid 'north' is not a crew in this roster",
            ],
            error.Problems);
    }

    [Fact]
    public void BrokenYamlIsReportedWithItsLine()
    {
        var error = Refused("timeZone: UTC\ncrews:\n  - id: [unclosed\n");

        Assert.StartsWith("crews.yaml:", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void ARosterWithoutCrewsIsRefused() =>
        Assert.Contains("'crews' must be a non-empty list", Assert.Single(Refused("timeZone: UTC\n").Problems), StringComparison.Ordinal);

    [Fact]
    public void TheSampleRosterLoads()
    {
        var roster = CrewRosterLoader.Load(Path.Combine(
            AppContext.BaseDirectory, "sample-community", "crews.yaml"));

        Assert.Equal(6, roster.Crews.Count);
        Assert.Equal(["north", "central", "south"], roster.DefaultCrewByGrid.Keys);
        Assert.Equal(["north", "central", "south"], roster.ManagersByGrid.Keys);
    }

    [Fact]
    public void GridManagersAreReadWithNameAndContact()
    {
        var roster = CrewRosterLoader.Parse(new StringReader("""
            timeZone: UTC
            crews:
              - id: sparks
                skills: [electrical]
                grids: [north]
                shifts:
                  - days: [mon]
                    from: "08:00"
                    to: "16:00"
            managers:
              north:
                name: Wang Fang
                contact: "+86 138 0000 0001"
              south:
                name: Liu Yang
            """), "crews.yaml");

        Assert.Equal(new GridManager("north", "Wang Fang", "+86 138 0000 0001"), roster.ManagerOf("north"));
        Assert.Equal(new GridManager("south", "Liu Yang", null), roster.ManagerOf("south"));
        Assert.Null(roster.ManagerOf("central"));
    }

    [Fact]
    public void BadManagersAreReportedWithTheirLine()
    {
        var error = Refused("""
            timeZone: UTC
            crews:
              - id: sparks
                skills: [electrical]
                grids: [north]
                shifts:
                  - days: [mon]
                    from: "08:00"
                    to: "16:00"
            managers:
              north:
                contact: "+86 138 0000 0001"
              "bad grid": 
                name: Someone
              south: Liu Yang
            """);

        Assert.Equal(
            [
                "crews.yaml:12: manager of grid 'north' needs a 'name' of 1-128 characters",
                "crews.yaml:13: manager grid 'bad grid' is not a valid grid id",
                "crews.yaml:15: manager of grid 'south' must be a mapping with name and contact",
            ],
            error.Problems);
    }
}
