using Microsoft.Extensions.Logging;

namespace ParkCommunity.Rules.Definitions;

/// <summary>
/// Reloads a <see cref="RuleCatalog"/> when a file of its folder changes, so rule files take effect without a restart.
/// Editors save in bursts (temp file, rename, touch), so the reload waits until the folder has been quiet for
/// <c>settle</c>; the catalog's own fingerprint then skips reloads that changed nothing. A reload that throws (a
/// subscriber failing) is logged and the watcher keeps watching.
/// </summary>
public sealed partial class RuleFolderWatcher : IDisposable
{
    public static readonly TimeSpan DefaultSettle = TimeSpan.FromMilliseconds(500);

    private readonly RuleCatalog _catalog;
    private readonly ILogger<RuleFolderWatcher> _logger;
    private readonly TimeSpan _settle;
    private readonly ITimer _timer;
    private readonly FileSystemWatcher? _watcher;

    public RuleFolderWatcher(RuleCatalog catalog, TimeProvider timeProvider, ILogger<RuleFolderWatcher> logger, TimeSpan? settle = null)
        : this(catalog, timeProvider, logger, settle, watchFileSystem: true)
    {
    }

    /// <param name="watchFileSystem">False in tests, which report changes through <see cref="Changed"/> themselves.</param>
    internal RuleFolderWatcher(RuleCatalog catalog, TimeProvider timeProvider, ILogger<RuleFolderWatcher> logger, TimeSpan? settle, bool watchFileSystem)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _catalog = catalog;
        _logger = logger;
        _settle = settle ?? DefaultSettle;
        _timer = timeProvider.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (!watchFileSystem)
        {
            return;
        }

        if (!Directory.Exists(catalog.Folder))
        {
            LogNotWatching(_logger, catalog.Folder);
            return;
        }

        _watcher = new FileSystemWatcher(catalog.Folder) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
        _watcher.Changed += (_, e) => Changed(e.FullPath);
        _watcher.Created += (_, e) => Changed(e.FullPath);
        _watcher.Deleted += (_, e) => Changed(e.FullPath);
        _watcher.Renamed += (_, e) => { Changed(e.OldFullPath); Changed(e.FullPath); };
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _timer.Dispose();
    }

    /// <summary>A file of the folder changed: (re)start the quiet-period timer when it is a rule or calendars file.</summary>
    internal void Changed(string path)
    {
        if (path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            _timer.Change(_settle, Timeout.InfiniteTimeSpan);
        }
    }

    private void Reload()
    {
        try
        {
            _catalog.Reload();
        }
#pragma warning disable CA1031 // A timer callback has no caller to rethrow to; the next change retries.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogReloadFailed(_logger, e, _catalog.Folder);
        }
    }

    [LoggerMessage(EventId = 3210, Level = LogLevel.Warning, Message = "The rules folder {Folder} does not exist: rule files will not reload until the process restarts")]
    private static partial void LogNotWatching(ILogger logger, string folder);

    [LoggerMessage(EventId = 3211, Level = LogLevel.Error, Message = "Reloading the rules of {Folder} failed")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string folder);
}
