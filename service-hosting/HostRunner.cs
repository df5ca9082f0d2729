using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ParkCommunity.ServiceHosting;

public static class HostRunner
{
    /// <summary>
    /// Runs a host; a configuration or start-up failure ends the process with exit code 1 and the
    /// reason on one readable line (every failed option named), not a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(IHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException)
        {
            // Stopped (Ctrl+C, SIGTERM) while still starting: a normal end, not a crash.
            Console.Error.WriteLine("Stopped during start-up.");
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            return Fail("Invalid configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", ex.Failures));
        }
        catch (Exception ex)
        {
            return Fail($"Start-up failed: {ex.Message}");
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
