using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.Storage.Postgres;
using ParkCommunity.CaseSystem.Storage.Sqlite;

namespace ParkCommunity.CaseSystem.Configuration;

public static class CaseSystemServiceCollectionExtensions
{
    /// <summary>
    /// Adds the case system: <see cref="IWorkOrderStore"/> on SQLite (default) or PostgreSQL as
    /// <c>CaseSystem:Database</c> says, options validated on start, and the schema created when the host starts.
    /// </summary>
    /// <param name="section">The <c>CaseSystem</c> configuration section.</param>
    public static IServiceCollection AddCaseSystem(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);

        services.AddOptions<CaseSystemOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CaseSystemOptions>, CaseSystemOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<CaseSystemMetrics>();

        // The data source is built only when Postgres is chosen, and disposed with the container.
        services.TryAddSingleton(sp =>
            NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<CaseSystemOptions>>().Value.PostgresConnectionString!));
        services.TryAddSingleton<IWorkOrderStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CaseSystemOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            var metrics = sp.GetRequiredService<CaseSystemMetrics>();
            var sla = options.Sla.ToPolicy();
            return options.Database == CaseDatabase.Postgres
                ? new PostgresWorkOrderStore(
                    sp.GetRequiredService<NpgsqlDataSource>(), time, sla, sp.GetRequiredService<ILogger<PostgresWorkOrderStore>>(), metrics)
                : new SqliteWorkOrderStore(options.SqlitePath, time, sla, sp.GetRequiredService<ILogger<SqliteWorkOrderStore>>(), metrics);
        });
        services.AddHostedService<CaseSchemaInitializer>();
        return services;
    }
}
