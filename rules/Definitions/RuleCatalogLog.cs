using Microsoft.Extensions.Logging;

namespace ParkCommunity.Rules.Definitions;

/// <summary>Log lines of the rule catalog; event ids 3200–3219.</summary>
internal static partial class RuleCatalogLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Rules version {Version}: {Rules} rule(s) ({Enabled} enabled) from {Files} file(s) in {Folder}")]
    public static partial void Loaded(ILogger logger, long version, int rules, int enabled, int files, string folder);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Error, Message = "Refused rule file {File} ({Kept}); fix it and reload:{NewLine}{Problems}")]
    public static partial void Refused(ILogger logger, string file, string kept, string newLine, string problems);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "The rules folder {Folder} cannot be read: {Reason}")]
    public static partial void FolderUnreadable(ILogger logger, string folder, string reason);
}
