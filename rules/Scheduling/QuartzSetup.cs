using Microsoft.Extensions.DependencyInjection;
using ParkCommunity.Rules.Hosting;
using Quartz;

namespace ParkCommunity.Rules.Scheduling;

/// <summary>The Quartz scheduler of the rule engine: persistent job store, clustering, thread pool, misfire threshold.</summary>
internal static class QuartzSetup
{
    public static IServiceCollection AddRuleScheduler(this IServiceCollection services, RuleEngineOptions options)
    {
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "park-community-rules";
                if (!string.IsNullOrWhiteSpace(options.InstanceId))
                {
                    scheduler.InstanceId = options.InstanceId;
                }
            });

            quartz.UseDefaultThreadPool(options.MaxConcurrentEvaluations);
            quartz.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                // Creates the QRTZ_ tables on first start, never alters or drops anything (Quartz 4.7 ProvisionSchema).
                store.ProvisionSchema();
                if (options.JobStore == JobStoreDatabase.Postgres)
                {
                    store.UsePostgres(options.JobStorePostgresConnectionString ?? "");
                }
                else
                {
                    var directory = Path.GetDirectoryName(Path.GetFullPath(options.JobStoreSqlitePath));
                    if (directory is not null)
                    {
                        Directory.CreateDirectory(directory);
                    }

                    store.UseSqlite($"Data Source={options.JobStoreSqlitePath}");
                }

                if (options.IsClustered)
                {
                    store.UseClustering(cluster =>
                    {
                        // A dead node's rules move to a live one within about half a minute.
                        cluster.CheckinInterval = TimeSpan.FromSeconds(10);
                        cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(20);
                    });
                }
            });

            ScheduleRepeating<SlaWatchJob>(quartz, RuleJobs.SlaWatch, options.SlaCheckInterval);
            ScheduleRepeating<AlarmHistoryPruneJob>(quartz, RuleJobs.AlarmHistoryPrune, AlarmHistoryPruneJob.Interval);
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>A housekeeping job fired at start and then every <paramref name="interval"/>; after a misfire (all nodes down) once at once.</summary>
    private static void ScheduleRepeating<TJob>(IQuartzBuilder quartz, JobKey key, TimeSpan interval)
        where TJob : IJob =>
        quartz.ScheduleJob<TJob>(
            trigger => trigger
                .WithIdentity(key.Name, key.Group)
                .StartNow()
                .WithSimpleSchedule(schedule => schedule
                    .WithInterval(interval)
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)),
            job => job.WithIdentity(key));
}
