using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.Notifications;
using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.CaseSystem.Sla;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.Storage.Postgres;
using ParkCommunity.CaseSystem.Storage.Sqlite;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Configuration;

public static class CaseSystemServiceCollectionExtensions
{
    /// <summary>
    /// Adds the case system: <see cref="IWorkOrderStore"/> on SQLite (default) or PostgreSQL as
    /// <c>CaseSystem:Database</c> says, options validated on start, and the schema created when the host starts.
    /// With <c>CaseSystem:CrewsPath</c> set, also the roster, <see cref="WorkOrderRouter"/>, <see cref="WorkOrderIntake"/>
    /// and <see cref="SlaEscalator"/>. With a <c>CaseSystem:Notifications</c> section, every change made through the
    /// store is announced on MQTT and to webhooks. Calling it again is harmless: a host running several parts (rules,
    /// dashboard) gets one case system.
    /// </summary>
    /// <param name="section">The <c>CaseSystem</c> configuration section.</param>
    public static IServiceCollection AddCaseSystem(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(IWorkOrderStore)))
        {
            return services;
        }

        services.AddOptions<CaseSystemOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CaseSystemOptions>, CaseSystemOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<CaseSystemMetrics>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<CaseSystemOptions>>().Value.Sla.ToPolicy());

        // The data source is built only when Postgres is chosen, and disposed with the container.
        services.TryAddSingleton(sp =>
            NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<CaseSystemOptions>>().Value.PostgresConnectionString!));
        var notifications = section.GetSection("Notifications");
        if (notifications.Exists())
        {
            AddNotifications(services, notifications);
        }

        services.TryAddSingleton<IWorkOrderStore>(sp =>
        {
            var store = CreateStore(sp);
            return sp.GetService<NotificationQueue>() is { } queue
                ? new NotifyingWorkOrderStore(store, queue, RosterIfConfigured(sp))
                : store;
        });
        services.AddHostedService<CaseSchemaInitializer>();
        AddRouting(services);
        return services;
    }

    private static SqlWorkOrderStore CreateStore(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<CaseSystemOptions>>().Value;
        var time = sp.GetRequiredService<TimeProvider>();
        var metrics = sp.GetRequiredService<CaseSystemMetrics>();
        var sla = sp.GetRequiredService<SlaPolicy>();
        return options.Database == CaseDatabase.Postgres
            ? new PostgresWorkOrderStore(
                sp.GetRequiredService<NpgsqlDataSource>(), time, sla, sp.GetRequiredService<ILogger<PostgresWorkOrderStore>>(), metrics)
            : new SqliteWorkOrderStore(options.SqlitePath, time, sla, sp.GetRequiredService<ILogger<SqliteWorkOrderStore>>(), metrics);
    }

    private static CrewRoster? RosterIfConfigured(IServiceProvider sp) =>
        sp.GetRequiredService<IOptions<CaseSystemOptions>>().Value.CrewsPath is { Length: > 0 } ? sp.GetRequiredService<CrewRoster>() : null;

    private static void AddRouting(IServiceCollection services)
    {
        // Registered always, resolvable only with CrewsPath set; the options validator has already parsed the file.
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<CaseSystemOptions>>().Value.CrewsPath is { Length: > 0 } path
            ? CrewRosterLoader.Load(path)
            : throw new InvalidOperationException(
                $"{CaseSystemOptions.Section}:{nameof(CaseSystemOptions.CrewsPath)} is not set; routing and SLA escalation need the crew roster."));
        services.TryAddSingleton<WorkOrderRouter>();
        services.TryAddSingleton<WorkOrderIntake>();
        services.TryAddSingleton<SlaEscalator>();
    }

    private static void AddNotifications(IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<NotificationOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.AddHttpClient(WebhookClientName);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NotificationOptions>>().Value;
            var sinks = new List<INotificationSink>();
            if (options.Mqtt is { } mqtt)
            {
                sinks.Add(new MqttNotificationSink(mqtt, options.TopicPrefix, sp.GetRequiredService<ILogger<MqttNotificationSink>>()));
            }

            var http = sp.GetRequiredService<IHttpClientFactory>();
            var time = sp.GetRequiredService<TimeProvider>();
            sinks.AddRange(options.Webhooks.Select(hook => new WebhookNotificationSink(hook, http.CreateClient(WebhookClientName), time)));
            return new NotificationQueue(
                sinks, sp.GetRequiredService<IOptions<NotificationOptions>>(), sp.GetRequiredService<ILogger<NotificationQueue>>(),
                sp.GetRequiredService<CaseSystemMetrics>());
        });
        services.AddHostedService<NotificationDispatcher>();
    }

    private const string WebhookClientName = "ParkCommunity.CaseSystem.Webhooks";
}
