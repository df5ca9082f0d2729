using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkCommunity.Gateway.DeadLetters;
using ParkCommunity.Gateway.Hosting;
using ParkCommunity.TelemetryStore;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.Gateway.Cli;

/// <summary>Commands that read what the gateway stored: latest telemetry, dead letters, device status.</summary>
internal static class StoredDataCommands
{
    public static Command Latest()
    {
        var device = new Option<string[]>("--device") { Description = "Only these device ids (repeatable).", AllowMultipleArgumentsPerToken = true };
        var kind = new Option<string?>("--kind") { Description = "Only this device kind (light, park, parking, access)." };
        var command = new Command("latest", "Print the latest stored point of each device.") { device, kind };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            using var provider = StoreServices(parse);
            var reader = provider.GetRequiredService<ITelemetryReader>();
            var devices = parse.GetValue(device) is { Length: > 0 } ids ? ids : null;
            var points = await reader.LatestAsync(new SeriesFilter(Kind: parse.GetValue(kind), Devices: devices), ct).ConfigureAwait(false);
            foreach (var point in points.OrderBy(p => p.Device, StringComparer.Ordinal))
            {
                var values = string.Join(' ', point.Values.OrderBy(v => v.Key, StringComparer.Ordinal)
                    .Select(v => $"{v.Key}={Convert.ToString(v.Value, CultureInfo.InvariantCulture)}"));
                Console.WriteLine($"{point.Timestamp:O} {point.Kind} {point.Site}/{point.Grid}/{point.Zone}/{point.Device} seq={point.Seq?.ToString(CultureInfo.InvariantCulture) ?? "-"} {values}");
            }

            Console.Error.WriteLine($"{points.Count} device(s)");
            return points.Count > 0 ? 0 : 2;
        });
        return command;
    }

    public static Command Count()
    {
        var since = new Option<DateTimeOffset>("--since") { Description = "Start of the range (inclusive), e.g. 2026-11-29T04:00:00Z.", Required = true };
        var until = new Option<DateTimeOffset?>("--until") { Description = "End of the range (exclusive); default: now." };
        var kind = new Option<string?>("--kind") { Description = "Only this device kind." };
        var command = new Command("count", "Count the points stored in a time range — e.g. to check a load run stored every acknowledged message.") { since, until, kind };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            using var provider = StoreServices(parse);
            var range = new TimeRange(parse.GetValue(since), parse.GetValue(until) ?? TimeProvider.System.GetUtcNow());
            var count = await provider.GetRequiredService<ITelemetryReader>().CountAsync(new SeriesFilter(Kind: parse.GetValue(kind)), range, ct).ConfigureAwait(false);
            Console.WriteLine(count.ToString(CultureInfo.InvariantCulture));
            return 0;
        });
        return command;
    }

    public static Command DeadLetters()
    {
        var device = new Option<string?>("--device") { Description = "Only dead letters of this device." };
        var reason = new Option<string?>("--reason") { Description = "Only this reason, e.g. InvalidJson, UnknownDevice, StoreRejected." };
        var limit = new Option<int>("--limit") { Description = "How many, newest first.", DefaultValueFactory = _ => 20 };
        var command = new Command("dead-letters", "Print dead letters (messages that broke the device contract) with their reasons.") { device, reason, limit };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            using var provider = GatewayFileServices(parse);
            var store = provider.GetRequiredService<SqliteDeadLetterStore>();
            await store.StartAsync(ct).ConfigureAwait(false);
            foreach (var (why, count) in await store.CountByReasonAsync(ct).ConfigureAwait(false))
            {
                Console.WriteLine($"{why}: {count}");
            }

            foreach (var letter in await store.ListAsync(parse.GetValue(device), parse.GetValue(reason), parse.GetValue(limit), ct).ConfigureAwait(false))
            {
                var shown = letter.PayloadText.Length > 120 ? letter.PayloadText[..120] + "…" : letter.PayloadText;
                Console.WriteLine($"{letter.ReceivedAt:O} {letter.Device ?? "-"} {letter.Topic} {letter.Reason}: {letter.Detail} ({letter.PayloadLength} bytes) {shown}");
            }

            return 0;
        });
        return command;
    }

    public static Command Devices()
    {
        var command = new Command("devices", "Print each device's last-seen time, reported status and seq gaps/duplicates, as the gateway last saved them.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            using var provider = GatewayFileServices(parse);
            var database = provider.GetRequiredService<GatewayDatabase>();
            await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
            await using var query = connection.CreateCommand();
            query.CommandText = "SELECT device, site, kind, last_seen_ms, reported_online, seq_missing, seq_duplicates FROM device_status ORDER BY device";
            try
            {
                await using var reader = await query.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var seen = reader.IsDBNull(3) ? "never" : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)).ToString("O", CultureInfo.InvariantCulture);
                    var status = reader.IsDBNull(4) ? "unknown" : reader.GetInt64(4) == 1 ? "online" : "offline";
                    Console.WriteLine($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)} last-seen={seen} status={status} seq-missing={reader.GetInt64(5)} seq-duplicates={reader.GetInt64(6)}");
                }
            }
            catch (SqliteException)
            {
                Console.Error.WriteLine($"No device status in {database.Path} yet: has the gateway run with this data directory?");
                return 2;
            }

            return 0;
        });
        return command;
    }

    private static ServiceProvider StoreServices(ParseResult parse)
    {
        var builder = GatewayCommandLine.CreateBuilder(parse);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddLogging();
        builder.Services.AddTelemetryStore(builder.Configuration.GetSection("TelemetryStore"));
        return builder.Services.BuildServiceProvider();
    }

    private static ServiceProvider GatewayFileServices(ParseResult parse)
    {
        var builder = GatewayCommandLine.CreateBuilder(parse);
        builder.Services.AddLogging();
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);
        builder.Services.AddOptions<DeadLetterOptions>().BindConfiguration(DeadLetterOptions.Section);
        builder.Services.AddSingleton<GatewayDatabase>();
        builder.Services.AddSingleton<SqliteDeadLetterStore>();
        return builder.Services.BuildServiceProvider();
    }
}
