using System.CommandLine;
using MQTTnet.Exceptions;
using ParkCommunity.Simulators.Load;

namespace ParkCommunity.Simulators.Cli;

/// <summary><c>load</c>: N messages from D devices over C connections at QoS 1 with a bounded in-flight window.</summary>
internal static class LoadCommand
{
    public static Command Build()
    {
        var host = new Option<string>("--host") { Description = "MQTT broker host.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "MQTT broker port.", DefaultValueFactory = _ => 1883 };
        var devices = new Option<int>("--devices") { Description = "Number of simulated devices (topics load-00001…).", DefaultValueFactory = _ => 100 };
        var connections = new Option<int>("--connections") { Description = "MQTT connections sharing the devices (default: one per device)." };
        var messages = new Option<long>("--messages") { Description = "Total messages to publish; 0 = until --duration ends.", DefaultValueFactory = _ => 10_000 };
        var rate = new Option<double>("--rate") { Description = "Messages per second per device; 0 = as fast as acknowledgements allow." };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long (e.g. 30s, 5m).", CustomParser = SimulatorCommandLine.ParseDuration };
        var inFlight = new Option<int>("--in-flight") { Description = "Unacknowledged QoS 1 messages allowed per connection.", DefaultValueFactory = _ => 100 };
        var qos = new Option<int>("--qos") { Description = "QoS of the publishes: 0 or 1.", DefaultValueFactory = _ => 1 };
        var prefix = new Option<string>("--prefix") { Description = "First topic level.", DefaultValueFactory = _ => "pc" };
        var site = new Option<string>("--site") { Description = "Site id in the topics.", DefaultValueFactory = _ => "load" };
        var username = new Option<string?>("--username") { Description = "Broker user name for all connections (default: anonymous)." };
        var password = new Option<string?>("--password") { Description = "Broker password for --username." };
        var registry = new Option<string?>("--registry")
        {
            Description = "Publish as the first --devices devices of this site registry, each on its own connection with its own (demo) credentials and topic.",
        };

        var engine = new Option<LoadEngine>("--engine")
        {
            Description = "mqttnet (default): one MQTTnet client per connection; raw: MQTT 3.1.1 straight on the socket, a few µs of CPU per message, for throughput benchmarks.",
            DefaultValueFactory = _ => LoadEngine.Mqttnet,
        };
        var command = new Command("load", "Measure broker/gateway throughput: publish a fixed load and report the sustained rate and acknowledgements.");
        foreach (var option in new Option[] { host, port, devices, connections, messages, rate, duration, inFlight, qos, prefix, site, username, password, registry, engine })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var options = new LoadOptions
            {
                BrokerHost = parse.GetValue(host)!, BrokerPort = parse.GetValue(port), Devices = parse.GetValue(devices),
                Connections = parse.GetValue(connections), Messages = parse.GetValue(messages), Rate = parse.GetValue(rate),
                Duration = parse.GetValue(duration), InFlight = parse.GetValue(inFlight), Qos = parse.GetValue(qos),
                TopicPrefix = parse.GetValue(prefix)!, Site = parse.GetValue(site)!, Username = parse.GetValue(username), Password = parse.GetValue(password),
                RegistryPath = parse.GetValue(registry), Engine = parse.GetValue(engine),
            };
            var error = parse.InvocationConfiguration.Error;
            var problems = options.Problems().ToList();
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await error.WriteLineAsync(problem).ConfigureAwait(false);
                }

                return SimulatorCommandLine.SetupError;
            }

            var output = parse.InvocationConfiguration.Output;
            var live = output == Console.Out && !Console.IsOutputRedirected;
            try
            {
                var summary = await LoadConsole.RunAsync(new LoadRunner(options, TimeProvider.System), options, output, live, TimeProvider.System, ct).ConfigureAwait(false);
                return summary.Failed == 0 ? 0 : 1;
            }
            catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                await error.WriteLineAsync($"Load run failed: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }
}
