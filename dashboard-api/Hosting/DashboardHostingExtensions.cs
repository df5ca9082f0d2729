using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ParkCommunity.CaseSystem.Configuration;
using ParkCommunity.CaseSystem.Open311;
using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.DashboardApi.Alarms;
using ParkCommunity.DashboardApi.Audit;
using ParkCommunity.DashboardApi.Data;
using ParkCommunity.DashboardApi.Health;
using ParkCommunity.DashboardApi.Live;
using ParkCommunity.DashboardApi.OpenData;
using ParkCommunity.DashboardApi.Registry;
using ParkCommunity.DashboardApi.Rules;
using ParkCommunity.DashboardApi.Telemetry;
using ParkCommunity.DashboardApi.WorkOrders;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.Rules.Alarms.Configuration;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Switches;
using Scalar.AspNetCore;

namespace ParkCommunity.DashboardApi.Hosting;

public static class DashboardHostingExtensions
{
    /// <summary>
    /// The dashboard back end: options (section <c>Dashboard</c>) validated on start, the site registry, the telemetry
    /// store (<c>TelemetryStore</c>), the case system (<c>CaseSystem</c>), accounts and audit log (SQLite or PostgreSQL),
    /// cookie + bearer authentication, Problem Details, OpenAPI, live updates and health checks.
    /// </summary>
    public static WebApplicationBuilder AddDashboardApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        // Read once for what must be decided while services are registered (rate limits); validated again at start.
        var settings = configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions();

        // In the all-in-one host the gateway has already registered the registry and the telemetry store (and the
        // rule engine the case system): share them rather than open a second copy.
        services.TryAddSingleton(sp => RegistryLoader.Load(sp.GetRequiredService<IOptions<DashboardOptions>>().Value.RegistryPath));
        if (!services.Any(d => d.ServiceType == typeof(ITelemetryReader)))
        {
            services.AddTelemetryStore(configuration.GetSection("TelemetryStore"));
        }

        if (!services.Any(d => d.ServiceType == typeof(IWorkOrderStore)))
        {
            services.AddCaseSystem(configuration.GetSection(CaseSystemOptions.Section));
        }

        services.AddSingleton<DashboardDatabase>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DashboardOptions>>().Value;
            return options.Database == DashboardDatabaseKind.Postgres
                ? new PostgresDashboardDatabase(options.PostgresConnectionString!)
                : new SqliteDashboardDatabase(options.SqliteFullPath);
        });
        services.AddSingleton<IAccountStore, SqlAccountStore>();
        services.AddSingleton<IAuditLog, SqlAuditLog>();
        services.AddSingleton<AuditTrail>();
        services.AddHostedService<RegistryPreload>();
        services.AddHostedService<AccountBootstrap>();

        // Keys that seal cookies and bearer tokens survive restarts, so nobody is signed out by an upgrade.
        services.AddDataProtection().SetApplicationName("ParkCommunity.Dashboard")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataDirectory ?? ".data", "keys")));
        services.AddDashboardAuthentication(settings);

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Binding failures (malformed JSON, a wrong type) throw, so the exception handler can name what was wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new UtcTimeJsonConverter()));
        services.AddOpenApi();

        // The rule engine's alarm store and rule switches (TryAdd inside: a host running the engine shares them) and its rule files.
        services.AddAlarmStore(configuration.GetSection(AlarmStoreOptions.Section));
        services.AddOptions<DashboardRulesOptions>().BindConfiguration(DashboardRulesOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardRulesOptions>, DashboardRulesOptionsValidator>();
        services.TryAddSingleton(sp => new RuleCatalog(
            sp.GetRequiredService<IOptions<DashboardRulesOptions>>().Value.RulesDirectory,
            sp.GetRequiredService<ILogger<RuleCatalog>>(),
            sp.GetRequiredService<CommunityRegistry>()));
        services.AddSingleton<CurrentAlarms>();
        services.AddSingleton<AlarmViews>();
        services.AddHttpContextAccessor();
        services.TryAddSingleton<IActiveAlarms, StoreActiveAlarms>();
        services.AddHostedService<AlarmPoller>();
        services.AddHostedService<WorkOrderPoller>();
        services.AddSingleton<DeviceStatusReader>();
        services.AddSingleton<OpenDataService>();
        services.AddSingleton<LiveUpdates>();
        services.AddHostedService<DeviceStatusPoller>();
        services.AddDashboardHealthChecks();
        return builder;
    }

    /// <summary>The middleware pipeline and every endpoint group; static files of the web front end when present.</summary>
    public static WebApplication MapDashboardApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        // Routing after the static files: a web application routes first by default, and the index.html fallback below
        // would then be chosen for /assets/*.js too (static files are only served when no endpoint was chosen).
        app.UseRouting();
        app.UseAuthentication();
        // Resolved per request, not here: building it reads settings, which must fail at start-up, not while mapping.
        app.Use((context, next) => context.RequestServices.GetRequiredService<AccessCheck>().InvokeAsync(context, next));
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapAuthEndpoints();
        app.MapAccountEndpoints();
        app.MapAuditEndpoints();
        app.MapRegistryEndpoints();
        app.MapTelemetryEndpoints();
        app.MapWorkOrderEndpoints();
        app.MapAlarmEndpoints();
        app.MapRuleEndpoints();
        app.MapOpenDataEndpoints();
        app.MapLiveEndpoints();
        app.MapHealthEndpoints();

        // Residents' reports (the 12345-style path) in the Open311 GeoReport v2 shape, for city tools. They are routed to
        // crews, so they are served only where the case system has its crew roster (CaseSystem:CrewsPath).
        if (app.Services.GetRequiredService<IOptions<CaseSystemOptions>>().Value.CrewsPath is { Length: > 0 })
        {
            app.MapOpen311("/open311/v2").RequireRateLimiting(AuthenticationSetup.ResidentReportRateLimit);
        }

        // The web front end routes in the browser: unknown non-API paths get its index page.
        app.MapFallbackToFile("{*path:regex(^(?!api/|health/|openapi/|scalar|open311/).*$)}", "index.html");
        return app;
    }
}
