using Microsoft.Extensions.Hosting;
using Serilog;

namespace ParkCommunity.ServiceHosting;

public static class LoggingExtensions
{
    /// <summary>Serilog to the console, configured from the <c>Serilog</c> section (levels, overrides).</summary>
    public static IHostApplicationBuilder AddParkCommunityLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSerilog((_, logging) => logging
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        return builder;
    }
}
