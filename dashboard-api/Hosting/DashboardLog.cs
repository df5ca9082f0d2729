using Microsoft.Extensions.Logging;

namespace ParkCommunity.DashboardApi.Hosting;

/// <summary>Dashboard log messages; event ids 7000–7099.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(7000, LogLevel.Information, "Dashboard database ready: {Location}")]
    public static partial void DatabaseReady(this ILogger logger, string location);

    [LoggerMessage(7001, LogLevel.Warning, "Seeded demo account {Username}: its password is public — for the embedded demo only")]
    public static partial void DemoAccountSeeded(this ILogger logger, string username);

    [LoggerMessage(7002, LogLevel.Information, "{Username} signed in")]
    public static partial void SignedIn(this ILogger logger, string username);

    [LoggerMessage(7003, LogLevel.Warning, "Failed sign-in for {Username} from {Address}")]
    public static partial void SignInFailed(this ILogger logger, string username, string address);

    [LoggerMessage(7010, LogLevel.Error, "Unhandled error on {Method} {Path}")]
    public static partial void UnhandledError(this ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(7021, LogLevel.Debug, "Live subscriber {Subscriber} is slow: dropped its oldest update")]
    public static partial void LiveUpdateDropped(this ILogger logger, string subscriber);
}
