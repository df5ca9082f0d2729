using ParkCommunity.DashboardApi.Hosting;
using ParkCommunity.ServiceHosting;

// The dashboard: REST API, live updates and the web front end, composed in DashboardHostingExtensions.
// Settings and web files come from beside the binary; data paths (registry, .data/) are relative to the working
// directory, as for the gateway, so run it from the repository root.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddEnvironmentVariables("PC_");
builder.AddParkCommunityLogging();
builder.AddDashboardApi();
return await HostRunner.RunAsync(() => builder.Build().MapDashboardApi(), CancellationToken.None).ConfigureAwait(false);

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
