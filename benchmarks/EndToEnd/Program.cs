using System.CommandLine;
using ParkCommunity.EndToEnd;

// The end-to-end throughput benchmark's tools; benchmarks/EndToEnd/run.sh drives them (see README "Measurements").
var root = new RootCommand("End-to-end throughput benchmark tools: a benchmark registry and the two ceilings.");

var devices = new Option<int>("--devices") { Description = "Number of devices.", DefaultValueFactory = _ => 1000 };
var output = new Option<string>("--out") { Description = "Registry file to write.", Required = true };
var registry = new Command("registry", "Write a site registry of --devices lights with demo-rule credentials.") { devices, output };
registry.SetAction(async (parse, ct) =>
{
    await File.WriteAllTextAsync(parse.GetValue(output)!, RegistryGenerator.Write(parse.GetValue(devices)), ct).ConfigureAwait(false);
    return 0;
});
root.Subcommands.Add(registry);

var registryPath = new Option<string>("--registry") { Description = "Site registry the broker authenticates against.", Required = true };
var port = new Option<int>("--port") { Description = "MQTT port.", DefaultValueFactory = _ => 1883 };
var broker = new Command("broker", "Ceiling (b): the gateway's in-process broker with a sink that acknowledges at once; runs until stopped.") { registryPath, port };
broker.SetAction((parse, ct) => BrokerCeiling.RunAsync(parse.GetValue(registryPath)!, parse.GetValue(port), ct));
root.Subcommands.Add(broker);

var url = new Option<string>("--url") { Description = "InfluxDB base URL, e.g. http://127.0.0.1:8086/.", Required = true };
var database = new Option<string>("--database") { Description = "Database (created if missing).", DefaultValueFactory = _ => "ceiling" };
var points = new Option<long>("--points") { Description = "Points to write.", DefaultValueFactory = _ => 200_000 };
var batch = new Option<int>("--batch") { Description = "Points per write.", DefaultValueFactory = _ => 5000 };
var writers = new Option<int>("--writers") { Description = "Concurrent writers.", DefaultValueFactory = _ => 4 };
var influx = new Command("influx", "Ceiling (a): InfluxDB alone, the same points written in large batches.") { url, database, devices, points, batch, writers };
influx.SetAction((parse, ct) => InfluxCeiling.RunAsync(new Uri(parse.GetValue(url)!, UriKind.Absolute), parse.GetValue(database)!, parse.GetValue(devices), parse.GetValue(points),
    parse.GetValue(batch), parse.GetValue(writers), ct));
root.Subcommands.Add(influx);

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
