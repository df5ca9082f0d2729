using Microsoft.Extensions.Logging.Abstractions;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Tests.Support;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.Definitions;

public sealed class RuleCatalogTests : IDisposable
{
    private const string Lights = """
        rules:
          - id: lamp-failure
            name: Lamp on but dark
            select: { kind: light }
            threshold: { all: ["on == true", "power_w < 5"], for: 10m }
        """;

    private const string Doors = """
        rules:
          - id: door-forced
            name: Door forced
            select: { kind: access }
            event: { type: door_forced }
            every: 5s
        """;

    private const string BrokenDoors = """
        rules:
          - id: door-forced
            name: Door forced
            select: { kind: access }
            event: { type: door_forced, within: soon }
        """;

    private readonly TempDirectory _folder = new("pc-rule-files");

    [Fact]
    public void EveryYamlFileOfTheFolderIsLoaded()
    {
        Write("lights.yaml", Lights);
        Write("doors.yml", Doors);
        Write("notes.txt", "not a rule file");

        var current = Catalog().Current;

        Assert.Equal(["door-forced", "lamp-failure"], current.Rules.Select(r => r.Id));
        Assert.Empty(current.Problems);
        Assert.Equal(1, current.Version);
        Assert.Equal(_folder.File("lights.yaml"), current.Find("lamp-failure")!.SourceFile);
    }

    [Fact]
    public void ABrokenFileIsRefusedWithItsProblemsWhileTheOtherFilesRulesAreKept()
    {
        Write("lights.yaml", Lights);
        Write("doors.yaml", BrokenDoors);

        var current = Catalog().Current;

        Assert.Equal(["lamp-failure"], current.Rules.Select(r => r.Id));
        Assert.Equal([_folder.File("doors.yaml")], current.RefusedFiles);
        var problem = Assert.Single(current.Problems);
        Assert.Equal($"{_folder.File("doors.yaml")}:5:41: rule \"door-forced\": event.within: \"soon\" is not a duration such as 30s, 10m, 1h30m or 2d", problem.ToString());
    }

    [Fact]
    public void AReloadPicksUpAChangedFileAndTellsSubscribers()
    {
        Write("lights.yaml", Lights);
        var catalog = Catalog();
        var seen = new List<RuleSet>();
        catalog.Changed += (_, set) => seen.Add(set);

        Write("doors.yaml", Doors);
        var reloaded = catalog.Reload();

        Assert.Equal(2, reloaded.Version);
        Assert.Same(reloaded, catalog.Current);
        Assert.Equal(["door-forced", "lamp-failure"], reloaded.Rules.Select(r => r.Id));
        Assert.Equal([reloaded], seen);
    }

    [Fact]
    public void AReloadWithoutChangesKeepsTheSnapshotAndTellsNobody()
    {
        Write("lights.yaml", Lights);
        var catalog = Catalog();
        var before = catalog.Current;
        var told = 0;
        catalog.Changed += (_, _) => told++;

        var after = catalog.Reload();

        Assert.Same(before, after);
        Assert.Equal(0, told);
    }

    [Fact]
    public void AFileBrokenByAnEditKeepsItsLastGoodRulesUntilFixed()
    {
        Write("doors.yaml", Doors);
        var catalog = Catalog();

        Write("doors.yaml", BrokenDoors);
        var broken = catalog.Reload();
        Write("doors.yaml", Doors.Replace("every: 5s", "every: 10s", StringComparison.Ordinal));
        var fixedAgain = catalog.Reload();

        Assert.Equal(TimeSpan.FromSeconds(5), broken.Find("door-forced")!.Every);
        Assert.Equal([_folder.File("doors.yaml")], broken.RefusedFiles);
        Assert.Equal(TimeSpan.FromSeconds(10), fixedAgain.Find("door-forced")!.Every);
        Assert.Empty(fixedAgain.RefusedFiles);
    }

    [Fact]
    public void ARuleIdDefinedInTwoFilesRefusesTheLaterFile()
    {
        Write("a.yaml", Lights);
        Write("b.yaml", Lights.Replace("Lamp on but dark", "Copy", StringComparison.Ordinal));

        var current = Catalog().Current;

        Assert.Equal("Lamp on but dark", Assert.Single(current.Rules).Name);
        var problem = Assert.Single(current.Problems);
        Assert.Equal((_folder.File("b.yaml"), 2, "lamp-failure", "id"), (problem.File, problem.Line, problem.RuleId, problem.Field));
        Assert.Equal($"is already defined in {_folder.File("a.yaml")}:2; rule ids are unique across all rule files", problem.Message);
    }

    [Fact]
    public void ADeletedFileTakesItsRulesAway()
    {
        Write("lights.yaml", Lights);
        Write("doors.yaml", Doors);
        var catalog = Catalog();

        File.Delete(_folder.File("doors.yaml"));

        Assert.Equal(["lamp-failure"], catalog.Reload().Rules.Select(r => r.Id));
    }

    [Fact]
    public void TheCalendarsFileIsReadAndRulesCanNameItsCalendars()
    {
        Write("calendars.yaml", """
            calendars:
              - name: holidays
                dates: [2026-10-01..2026-10-03]
            """);
        Write("doors.yaml", Doors.Replace("every: 5s", "active: { exceptCalendar: holidays }", StringComparison.Ordinal));

        var current = Catalog().Current;

        Assert.Empty(current.Problems);
        Assert.Equal(3, current.Calendars.ByName["holidays"].Dates.Count);
        Assert.Same(current.Calendars.ByName["holidays"], current.Find("door-forced")!.Active!.ExceptCalendar);
    }

    [Fact]
    public void AMissingFolderIsAProblemNotACrash()
    {
        var current = new RuleCatalog(_folder.File("nowhere"), NullLogger<RuleCatalog>.Instance).Current;

        Assert.Empty(current.Rules);
        Assert.Equal("the rules folder does not exist", Assert.Single(current.Problems).Message);
    }

    public void Dispose() => _folder.Dispose();

    private RuleCatalog Catalog() => new(_folder.Path, NullLogger<RuleCatalog>.Instance, TestCommunity.Create());

    private void Write(string name, string text) => File.WriteAllText(_folder.File(name), text);
}
