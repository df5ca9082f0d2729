namespace ParkCommunity.Simulators.Behaviour;

internal static class RandomExtensions
{
    public static double NextGaussian(this Random random, double mean = 0, double deviation = 1)
    {
        // Box–Muller; 1 - NextDouble() keeps the logarithm's argument away from zero.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (deviation * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    /// <summary>A Poisson count: Knuth's method for small means, a rounded normal for large ones.</summary>
    public static int NextPoisson(this Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            return Math.Max(0, (int)Math.Round(random.NextGaussian(mean, Math.Sqrt(mean))));
        }

        var limit = Math.Exp(-mean);
        var count = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble())
        {
            count++;
        }

        return count;
    }

    /// <summary>Whether an event with the given rate per hour happened within <paramref name="elapsed"/>.</summary>
    public static bool Happened(this Random random, double ratePerHour, TimeSpan elapsed) =>
        random.NextDouble() < 1 - Math.Exp(-ratePerHour * elapsed.TotalHours);
}

/// <summary>Seeds that depend only on the run's seed and a device id, so adding a device never changes another's readings.</summary>
internal static class StableSeed
{
    public static int For(int seed, string id, string purpose = "")
    {
        // FNV-1a: string.GetHashCode is randomised per process and would break determinism.
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in purpose + "/" + id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }
}
