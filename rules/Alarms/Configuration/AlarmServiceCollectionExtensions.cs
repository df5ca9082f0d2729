using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ParkCommunity.Rules.Alarms.Storage;
using ParkCommunity.Rules.Alarms.Storage.Postgres;
using ParkCommunity.Rules.Alarms.Storage.Sqlite;
using ParkCommunity.Rules.Switches;
using ParkCommunity.Rules.WorkOrders;

namespace ParkCommunity.Rules.Alarms.Configuration;

public static class AlarmServiceCollectionExtensions
{
    /// <summary>Key of the alarm store's own PostgreSQL data source, apart from the case system's unkeyed one.</summary>
    public const string DataSourceKey = "alarms";

    /// <summary>
    /// Adds the alarms as the rule engine keeps them: <see cref="AddAlarmStore"/> plus <see cref="AlarmTracker"/> with its
    /// <see cref="AlarmWorkOrderBridge"/>. The host must also add the case system (<c>AddCaseSystem</c> with a crew roster,
    /// for <c>IWorkOrderStore</c> and <c>WorkOrderRouter</c>).
    /// </summary>
    /// <param name="section">The alarm store's configuration section, e.g. <c>Rules:Alarms</c>.</param>
    public static IServiceCollection AddAlarms(this IServiceCollection services, IConfiguration section)
    {
        services.AddAlarmStore(section);
        services.TryAddSingleton<AlarmWorkOrderBridge>();
        services.TryAddSingleton<AlarmTracker>();
        return services;
    }

    /// <summary>
    /// Adds what readers of alarms need (the dashboard): <see cref="IAlarmStore"/> on SQLite (default) or PostgreSQL as
    /// <c>Database</c> says, the rule switches kept in the same database, options validated on start, and the schema
    /// created when the host starts. Calling it again is harmless: a host running engine and dashboard gets one store.
    /// </summary>
    /// <param name="section">The alarm store's configuration section, e.g. <c>Rules:Alarms</c>.</param>
    public static IServiceCollection AddAlarmStore(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(IAlarmStore)))
        {
            return services;
        }

        services.AddOptions<AlarmStoreOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlarmStoreOptions>, AlarmStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<AlarmMetrics>();

        // Built only when Postgres is chosen, and disposed with the container.
        services.TryAddKeyedSingleton(DataSourceKey, (sp, _) =>
            NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<AlarmStoreOptions>>().Value.PostgresConnectionString!));
        services.TryAddSingleton<IAlarmStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AlarmStoreOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            return options.Database == AlarmDatabase.Postgres
                ? new PostgresAlarmStore(
                    sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), time, sp.GetRequiredService<ILogger<PostgresAlarmStore>>())
                : new SqliteAlarmStore(options.SqlitePath, time, sp.GetRequiredService<ILogger<SqliteAlarmStore>>());
        });
        services.AddHostedService<AlarmSchemaInitializer>();
        services.AddRuleSwitches();
        return services;
    }
}

/// <summary>Creates or migrates the alarm schema when the host starts; a failure stops the host rather than surfacing later.</summary>
internal sealed class AlarmSchemaInitializer(IAlarmStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
