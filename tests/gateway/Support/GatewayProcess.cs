using System.Diagnostics;
using System.Globalization;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.Support;

/// <summary>The real gateway program in its own process, so a test can kill it with SIGKILL and start it again.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly IReadOnlyList<string> _arguments;
    private Process? _process;

    public GatewayProcess(string dataDirectory, IDictionary<string, string> settings)
    {
        BrokerPort = FreePort.Next();
        var all = new Dictionary<string, string>(settings)
        {
            ["Gateway:RegistryPath"] = RepositoryRoot.SampleRegistry,
            ["Gateway:DataDirectory"] = dataDirectory,
            ["Gateway:Broker:Port"] = BrokerPort.ToString(CultureInfo.InvariantCulture),
        };
        _arguments = [Path.Combine(AppContext.BaseDirectory, "ParkCommunity.Gateway.dll"), "run", .. all.Select(s => $"--{s.Key}={s.Value}")];
    }

    public int BrokerPort { get; }

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("dotnet", _arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Loopback.WaitForListenerAsync(BrokerPort, TimeSpan.FromSeconds(60), () => _process.HasExited);
    }

    /// <summary>The most resident memory the process has used so far (Linux VmHWM), in bytes.</summary>
    public long PeakResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process!.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing in memory is flushed.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}
