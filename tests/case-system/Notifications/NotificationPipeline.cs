using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.CaseSystem.Notifications;
using ParkCommunity.CaseSystem.Tests.Support;

namespace ParkCommunity.CaseSystem.Tests.Notifications;

/// <summary>
/// The notification pieces as AddCaseSystem wires them — a real SQLite store behind the notifying decorator, the
/// queue and the running dispatcher — over the sinks a test chooses.
/// </summary>
internal sealed class NotificationPipeline : IAsyncDisposable
{
    private readonly SqliteCaseStore _cases;
    private readonly NotificationDispatcher _dispatcher;

    private NotificationPipeline(SqliteCaseStore cases, NotificationQueue queue, NotificationDispatcher dispatcher, CollectingLoggerProvider logs)
    {
        _cases = cases;
        Logs = logs;
        Queue = queue;
        _dispatcher = dispatcher;
        Store = new NotifyingWorkOrderStore(cases.Store, queue, SqliteCaseStore.SampleRoster);
    }

    public NotifyingWorkOrderStore Store { get; }

    public NotificationQueue Queue { get; }

    public CollectingLoggerProvider Logs { get; }

    public static async Task<NotificationPipeline> StartAsync(NotificationOptions options, params INotificationSink[] sinks)
    {
        // Store times are fake (fixed) so orders are predictable; retry waits use the real clock, in milliseconds.
        var cases = await SqliteCaseStore.CreateAsync(new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 2, 0, 0, TimeSpan.Zero)));
        var logs = new CollectingLoggerProvider();
        var queue = new NotificationQueue(sinks, Options.Create(options), logs.CreateLogger<NotificationQueue>(), cases.Metrics);
        var dispatcher = new NotificationDispatcher(
            queue, Options.Create(options), TimeProvider.System, cases.Metrics, logs.CreateLogger<NotificationDispatcher>());
        var pipeline = new NotificationPipeline(cases, queue, dispatcher, logs);
        await dispatcher.StartAsync(CancellationToken.None);
        return pipeline;
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _dispatcher.StopAsync(stop.Token);
        }

        _dispatcher.Dispose();
        Queue.Dispose();
        await _cases.DisposeAsync();
    }
}

/// <summary>Keeps every log line so a test can look for a warning.</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    public List<(LogLevel Level, EventId Id, string Message)> Entries { get; } = [];

    public ILogger<T> CreateLogger<T>() => new Logger<T>(new SingleProviderFactory(this));

    public ILogger CreateLogger(string categoryName) => new Collecting(this);

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message)> Snapshot()
    {
        lock (Entries)
        {
            return [.. Entries];
        }
    }

    public void Dispose() { }

    private sealed class Collecting(CollectingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.Entries)
            {
                owner.Entries.Add((logLevel, eventId, formatter(state, exception)));
            }
        }
    }

    private sealed class SingleProviderFactory(ILoggerProvider provider) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider) { }

        public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

        public void Dispose() { }
    }
}
