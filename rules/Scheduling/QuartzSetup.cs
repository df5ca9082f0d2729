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

            quartz.ScheduleJob<SlaWatchJob>(
                trigger => trigger
                    .WithIdentity(RuleJobs.SlaWatch.Name, RuleJobs.SlaWatch.Group)
                    .StartNow()
                    .WithSimpleSchedule(schedule => schedule
                        .WithInterval(options.SlaCheckInterval)
                        .RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)),
                job => job.WithIdentity(RuleJobs.SlaWatch));

            quartz.ScheduleJob<AlarmHistoryPruneJob>(
                trigger => trigger
                    .WithIdentity(RuleJobs.AlarmHistoryPrune.Name, RuleJobs.AlarmHistoryPrune.Group)
                    .StartNow()
                    .WithSimpleSchedule(schedule => schedule
                        .WithInterval(AlarmHistoryPruneJob.Interval)
                        .RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)),
                job => job.WithIdentity(RuleJobs.AlarmHistoryPrune));
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return services;
    }
}
