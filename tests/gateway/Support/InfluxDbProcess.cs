using System.Diagnostics;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.Support;

/// <summary>
/// A private InfluxDB server (the real influxd) that a test can stop and start again on the same port and
/// data folder — for outage tests, which must not disturb the shared server of the test command.
/// </summary>
public sealed class InfluxDbProcess : IAsyncDisposable
{
    private readonly TempDirectory _folder = new("pc-influxd");
    private Process? _process;

    public InfluxDbProcess()
    {
        Port = FreePort.Next();
        var rpc = FreePort.Next();
        File.WriteAllText(_folder.File("influxdb.conf"), $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{rpc}"
            [meta]
              dir = "{_folder.File("meta")}"
            [data]
              dir = "{_folder.File("data")}"
              wal-dir = "{_folder.File("wal")}"
              query-log-enabled = false
            [http]
              bind-address = "127.0.0.1:{Port}"
              log-enabled = false
            [monitor]
              store-enabled = false
            """);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo(ProcessRunner.Find("influxd"), ["-config", _folder.File("influxdb.conf")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        });
        _process!.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient();
        await Eventually.ReturnsAsync(async () =>
        {
            try
            {
                return (await http.GetAsync(new Uri(Url, "/ping"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, up => up, TimeSpan.FromSeconds(30));
    }

    /// <summary>Kills the server outright, as a crash or a pulled cable would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        _folder.Dispose();
    }
}
