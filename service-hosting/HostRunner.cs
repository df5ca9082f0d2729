using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ParkCommunity.ServiceHosting;

public static class HostRunner
{
    /// <summary>
    /// Builds and runs a host, as <see cref="RunAsync(IHost, CancellationToken)"/>; a failure while building (a setting
    /// read while the endpoints are mapped) ends the process the same readable way.
    /// </summary>
    public static async Task<int> RunAsync(Func<IHost> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        IHost host;
        try
        {
            host = build();
        }
        catch (OptionsValidationException ex)
        {
            return InvalidConfiguration(ex);
        }

        using (host)
        {
            return await RunAsync(host, cancellationToken).ConfigureAwait(false);
        }
    }

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
            return InvalidConfiguration(ex);
        }
        catch (Exception ex)
        {
            return Fail($"Start-up failed: {ex.Message}");
        }
    }

    private static int InvalidConfiguration(OptionsValidationException exception) =>
        Fail("Invalid configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", exception.Failures));

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
