using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using ParkCommunity.Rules.Calendars;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Rules.Definitions;

/// <summary>
/// The rules of a folder: every <c>*.yaml</c>/<c>*.yml</c> file in it (not in subfolders) is a rule file, except
/// <c>calendars.yaml</c>, which holds the holiday calendars. <see cref="Reload"/> re-reads the folder; a file with any
/// problem is refused as a whole and keeps the rules of its last good version (none at first load), so a bad edit never
/// takes running rules down, while every other file's rules are taken as they are. A rule id defined in two files is
/// refused in the later file (ordinal file-name order). Thread-safe; <see cref="Current"/> is an immutable snapshot.
/// </summary>
public sealed class RuleCatalog
{
    private readonly Lock _lock = new();
    private readonly ILogger<RuleCatalog> _logger;
    private readonly CommunityRegistry? _registry;
    private readonly Dictionary<string, IReadOnlyList<RuleDefinition>> _lastGood = new(StringComparer.Ordinal);
    private RuleCalendars _lastGoodCalendars = RuleCalendars.None;
    private string? _fingerprint;
    private RuleSet _current = RuleSet.Empty;

    /// <param name="folder">The rules folder; relative paths are resolved from the working directory.</param>
    /// <param name="logger">Where loads and refusals are reported.</param>
    /// <param name="registry">When given, selectors are checked against it (unknown names, selecting nothing).</param>
    public RuleCatalog(string folder, ILogger<RuleCatalog> logger, CommunityRegistry? registry = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Folder = Path.GetFullPath(folder);
        _logger = logger;
        _registry = registry;
        Reload();
    }

    public string Folder { get; }

    public RuleSet Current => Volatile.Read(ref _current);

    /// <summary>Raised after a reload that changed the rule set, with the new snapshot.</summary>
    public event EventHandler<RuleSet>? Changed;

    /// <summary>Re-reads the folder; returns the (possibly unchanged) current snapshot. Nothing changes when no file did.</summary>
    public RuleSet Reload()
    {
        RuleSet next;
        int files;
        lock (_lock)
        {
            var contents = ReadFolder(out var folderProblem);
            var fingerprint = Fingerprint(contents, folderProblem);
            if (fingerprint == _fingerprint)
            {
                return _current;
            }

            _fingerprint = fingerprint;
            next = Build(contents, folderProblem);
            files = _lastGood.Count;
            Volatile.Write(ref _current, next);
        }

        RuleCatalogLog.Loaded(_logger, next.Version, next.Rules.Count, next.Rules.Count(r => r.Enabled), files, Folder);
        Changed?.Invoke(this, next);
        return next;
    }

    private RuleSet Build(IReadOnlyList<(string Path, string Text)> files, RuleProblem? folderProblem)
    {
        var problems = new List<RuleProblem>();
        var refused = new List<string>();
        if (folderProblem is not null)
        {
            problems.Add(folderProblem);
            RuleCatalogLog.FolderUnreadable(_logger, Folder, folderProblem.Message);
        }

        var calendarFile = files.FirstOrDefault(f => IsCalendarFile(f.Path));
        if (calendarFile.Path is null)
        {
            _lastGoodCalendars = RuleCalendars.None;
        }
        else
        {
            var (calendars, calendarProblems) = CalendarFileReader.Read(calendarFile.Text, calendarFile.Path);
            if (calendarProblems.Count == 0)
            {
                _lastGoodCalendars = calendars;
            }
            else
            {
                Refuse(calendarFile.Path, calendarProblems, "keeps its last good calendars");
            }
        }

        var rules = new List<RuleDefinition>();
        var owners = new Dictionary<string, RuleDefinition>(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, text) in files.Where(f => !IsCalendarFile(f.Path)))
        {
            present.Add(path);
            var (read, fileProblems) = RuleFileReader.Read(text, path, _lastGoodCalendars, _registry);
            var clashes = fileProblems.Count > 0 ? [] : Clashes(read, owners);
            if (fileProblems.Count == 0 && clashes.Count == 0)
            {
                _lastGood[path] = read;
            }
            else
            {
                var kept = _lastGood.TryGetValue(path, out var old) && Clashes(old, owners).Count == 0 ? old : null;
                if (kept is null)
                {
                    _lastGood.Remove(path);
                }

                Refuse(path, [.. fileProblems, .. clashes], kept is null ? "none of its rules run" : $"its last good {kept.Count} rule(s) keep running");
            }

            foreach (var rule in _lastGood.GetValueOrDefault(path) ?? [])
            {
                owners[rule.Id] = rule;
                rules.Add(rule);
            }
        }

        foreach (var gone in _lastGood.Keys.Where(p => !present.Contains(p)).ToList())
        {
            _lastGood.Remove(gone);
        }

        return new RuleSet(_current.Version + 1, rules, _lastGoodCalendars, problems, refused);

        void Refuse(string path, IReadOnlyList<RuleProblem> fileProblems, string kept)
        {
            problems.AddRange(fileProblems);
            refused.Add(path);
            RuleCatalogLog.Refused(_logger, path, kept, Environment.NewLine, string.Join(Environment.NewLine, fileProblems.Select(p => "  " + p)));
        }
    }

    private static List<RuleProblem> Clashes(IReadOnlyList<RuleDefinition> rules, Dictionary<string, RuleDefinition> owners) =>
        [.. rules.Where(r => owners.ContainsKey(r.Id)).Select(r => new RuleProblem(r.SourceFile, r.SourceLine, 1, r.Id, "id",
            $"is already defined in {owners[r.Id].SourceFile}:{owners[r.Id].SourceLine}; rule ids are unique across all rule files"))];

    private List<(string Path, string Text)> ReadFolder(out RuleProblem? problem)
    {
        problem = null;
        try
        {
            if (!Directory.Exists(Folder))
            {
                problem = new RuleProblem(Folder, 1, 1, null, null, "the rules folder does not exist");
                return [];
            }

            return [.. Directory.EnumerateFiles(Folder)
                .Where(p => p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .Select(p => (p, File.ReadAllText(p)))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file being replaced by an editor can vanish between listing and reading: report it; the next reload sees the result.
            problem = new RuleProblem(Folder, 1, 1, null, null, $"cannot be read: {e.Message}");
            return [];
        }
    }

    private static bool IsCalendarFile(string path) =>
        Path.GetFileName(path) is { } name && (name.Equals(CalendarFileReader.FileName, StringComparison.OrdinalIgnoreCase)
            || name.Equals(Path.ChangeExtension(CalendarFileReader.FileName, ".yml"), StringComparison.OrdinalIgnoreCase));

    private static string Fingerprint(IReadOnlyList<(string Path, string Text)> files, RuleProblem? problem)
    {
        var text = new StringBuilder(problem?.Message ?? "");
        foreach (var (path, content) in files)
        {
            text.Append(path).Append('\0').Append(content).Append('\0');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
