using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.DashboardApi.Data;
using ParkCommunity.Rules.Alarms.Storage;
using ParkCommunity.SqlStorage;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.DashboardApi.Health;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the telemetry store, the case database and the
/// dashboard database all answer a small query.
/// </summary>
internal static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddDashboardHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<TelemetryStoreCheck>("telemetry-store", tags: [Ready])
            .AddCheck<CaseStoreCheck>("case-store", tags: [Ready])
            .AddCheck<AlarmStoreCheck>("alarm-store", tags: [Ready])
            .AddCheck<DashboardDatabaseCheck>("dashboard-database", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).WithTags("Health");
        return app;
    }

    private sealed class TelemetryStoreCheck(ITelemetryReader reader, TimeProvider time) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var now = time.GetUtcNow();
            try
            {
                await reader.CountAsync(SeriesFilter.All, new TimeRange(now.AddMinutes(-1), now), cancellationToken).ConfigureAwait(false);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"The telemetry store does not answer: {ex.Message}");
            }
        }
    }

    private sealed class CaseStoreCheck(IWorkOrderStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await store.ListAsync(new WorkOrderQuery { Take = 1 }, cancellationToken).ConfigureAwait(false);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"The case database does not answer: {ex.Message}");
            }
        }
    }

    private sealed class AlarmStoreCheck(IAlarmStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await store.ListRulesWithAlarmsAsync(cancellationToken).ConfigureAwait(false);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"The alarm database does not answer: {ex.Message}");
            }
        }
    }

    private sealed class DashboardDatabaseCheck(DashboardDatabase database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    await connection.Sql("SELECT count(*) FROM accounts").ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
                }

                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"The dashboard database {database.Location} does not answer: {ex.Message}");
            }
        }
    }
}
