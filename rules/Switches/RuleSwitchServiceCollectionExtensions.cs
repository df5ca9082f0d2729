using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using ParkCommunity.Rules.Alarms.Configuration;

namespace ParkCommunity.Rules.Switches;

public static class RuleSwitchServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IRuleSwitchStore"/> in the alarm store's database (same <c>Rules:Alarms</c> settings; called by
    /// <c>AddAlarmStore</c>), its table created when the host starts.
    /// </summary>
    internal static IServiceCollection AddRuleSwitches(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IRuleSwitchStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AlarmStoreOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            return options.Database == AlarmDatabase.Postgres
                ? new PostgresRuleSwitchStore(sp.GetRequiredKeyedService<NpgsqlDataSource>(AlarmServiceCollectionExtensions.DataSourceKey), time)
                : new SqliteRuleSwitchStore(options.SqlitePath, time);
        });
        services.AddHostedService<RuleSwitchSchemaInitializer>();
        return services;
    }
}

/// <summary>Creates the switch table when the host starts; a failure stops the host rather than surfacing later.</summary>
internal sealed class RuleSwitchSchemaInitializer(IRuleSwitchStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
