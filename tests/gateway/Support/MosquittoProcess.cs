using System.Diagnostics;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.Support;

/// <summary>A private mosquitto with persistence that a test can stop and start again on the same port and data.</summary>
public sealed class MosquittoProcess : IAsyncDisposable
{
    private readonly TempDirectory _folder = new("pc-mosquitto");
    private Process? _process;

    public MosquittoProcess()
    {
        Port = FreePort.Next();
        // As root, mosquitto would switch to its own user, which cannot write a private temp folder.
        File.WriteAllText(_folder.File("mosquitto.conf"), $"""
            user root
            listener {Port} 127.0.0.1
            allow_anonymous true
            persistence true
            persistence_location {_folder.Path}/
            autosave_interval 1
            max_queued_messages 1000000
            """);
    }

    public int Port { get; }

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo(ProcessRunner.Find("mosquitto"), ["-c", _folder.File("mosquitto.conf")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Loopback.WaitForListenerAsync(Port);
    }

    /// <summary>A clean stop (SIGTERM): mosquitto writes its persistence file, as on a service restart.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _folder.Dispose();
    }
}
