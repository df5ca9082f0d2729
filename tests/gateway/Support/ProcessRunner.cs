using System.Diagnostics;

namespace ParkCommunity.Gateway.Tests.Support;

/// <summary>Runs a command-line tool (mosquitto_pub, mosquitto) with a time limit and returns what it said.</summary>
public static class ProcessRunner
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in time");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Where a Debian binary lives: on PATH, or in /usr/sbin when PATH lacks it.</summary>
    public static string Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed; ./test.sh installs it");
}
