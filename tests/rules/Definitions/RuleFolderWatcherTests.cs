using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.Definitions;

public sealed class RuleFolderWatcherTests : IDisposable
{
    private readonly TempDirectory _folder = new("pc-rule-watch");
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void AChangedRuleFileIsReloadedOnceTheFolderHasBeenQuietForTheSettleTime()
    {
        var catalog = new RuleCatalog(_folder.Path, NullLogger<RuleCatalog>.Instance);
        using var watcher = new RuleFolderWatcher(catalog, _time, NullLogger<RuleFolderWatcher>.Instance, TimeSpan.FromSeconds(1), watchFileSystem: false);
        var path = _folder.File("doors.yaml");
        File.WriteAllText(path, "rules:\n  - { id: door-forced, name: Door forced, event: { type: door_forced } }\n");

        watcher.Changed(path);
        _time.Advance(TimeSpan.FromMilliseconds(900));
        watcher.Changed(path);
        _time.Advance(TimeSpan.FromMilliseconds(900));
        var duringBurst = catalog.Current.Rules.Count;
        _time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(0, duringBurst);
        Assert.Equal(["door-forced"], catalog.Current.Rules.Select(r => r.Id));
    }

    [Fact]
    public void ChangesToOtherFilesAreIgnored()
    {
        var catalog = new RuleCatalog(_folder.Path, NullLogger<RuleCatalog>.Instance);
        using var watcher = new RuleFolderWatcher(catalog, _time, NullLogger<RuleFolderWatcher>.Instance, TimeSpan.FromSeconds(1), watchFileSystem: false);
        File.WriteAllText(_folder.File("doors.yaml"), "rules: []\n");

        watcher.Changed(_folder.File("notes.txt"));
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(1, catalog.Current.Version);
    }

    [Fact]
    public async Task AFileSavedInTheFolderIsNoticedWithoutAnyoneCallingReload()
    {
        var catalog = new RuleCatalog(_folder.Path, NullLogger<RuleCatalog>.Instance);
        var changed = new TaskCompletionSource<RuleSet>(TaskCreationOptions.RunContinuationsAsynchronously);
        catalog.Changed += (_, set) => changed.TrySetResult(set);
        using var watcher = new RuleFolderWatcher(catalog, TimeProvider.System, NullLogger<RuleFolderWatcher>.Instance, TimeSpan.FromMilliseconds(50));

        await File.WriteAllTextAsync(_folder.File("doors.yaml"), "rules:\n  - { id: door-forced, name: Door forced, event: { type: door_forced } }\n");

        // Waits for the operating system's change notification (inotify); the timeout only bounds a failing run.
        var reloaded = await changed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(["door-forced"], reloaded.Rules.Select(r => r.Id));
    }

    public void Dispose() => _folder.Dispose();
}
