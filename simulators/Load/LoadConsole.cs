using System.Globalization;
using Spectre.Console;

namespace ParkCommunity.Simulators.Load;

/// <summary>
/// Shows a load run: a live Spectre.Console progress bar on a terminal, one plain line per second when
/// output is redirected (CI logs, files), and a summary either way.
/// </summary>
internal static class LoadConsole
{
    public static async Task<LoadSummary> RunAsync(LoadRunner runner, LoadOptions options, TextWriter output, bool live, TimeProvider time, CancellationToken cancellationToken)
    {
        var run = runner.RunAsync(cancellationToken);
        if (live)
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("publishing", maxValue: options.Messages > 0 ? options.Messages : 1);
                    while (!run.IsCompleted)
                    {
                        await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(250), time, CancellationToken.None)).ConfigureAwait(false);
                        var p = runner.Progress;
                        task.Value = options.Messages > 0 ? p.Acknowledged + p.Failed
                            : options.Duration is { } d ? Math.Min(1, p.Elapsed / d) : 0;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{p.Acknowledged:N0} acked, {p.Failed:N0} failed, {p.Rate:N0} msg/s");
                    }

                    task.Value = task.MaxValue;
                }).ConfigureAwait(false);
        }
        else
        {
            // A marker for scripts that measure only the publishing phase (benchmarks/EndToEnd/run.sh).
            await Task.WhenAny(run, runner.Publishing).ConfigureAwait(false);
            if (runner.Publishing.IsCompletedSuccessfully)
            {
                await output.WriteLineAsync("connected; publishing").ConfigureAwait(false);
            }

            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, timer.WaitForNextTickAsync(CancellationToken.None).AsTask()).ConfigureAwait(false);
                if (!run.IsCompleted)
                {
                    var p = runner.Progress;
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{p.Elapsed.TotalSeconds:F0}s published {p.Published} acknowledged {p.Acknowledged} failed {p.Failed} rate {p.Rate:F0} msg/s")).ConfigureAwait(false);
                }
            }
        }

        var summary = await run.ConfigureAwait(false);
        await output.WriteLineAsync(Format(summary)).ConfigureAwait(false);
        return summary;
    }

    public static string Format(LoadSummary s) => string.Create(CultureInfo.InvariantCulture,
        $"Summary: published {s.Published}, acknowledged {s.Acknowledged}, failed {s.Failed}, rate {s.Rate:F1} msg/s, duration {s.Duration.TotalSeconds:F2} s, " +
        $"load tool CPU {(s.Acknowledged > 0 ? s.PublishingCpu.TotalMicroseconds / s.Acknowledged : 0):F1} µs/msg");
}
