using System.Globalization;

namespace ParkCommunity.Simulators.Behaviour;

/// <summary>
/// A building or community entrance with a card reader: entries follow the residents' day (out in the
/// morning, home in the evening), a few per cent of attempts are denied — more at night, when visitors
/// without cards try the door — and every denial is an <c>access_denied</c> event with the card id.
/// <c>entries</c> and <c>denied</c> count what happened since the previous reading.
/// </summary>
internal sealed class AccessModel(SiteTime site, Random random) : IBehaviourModel
{
    /// <summary>Events per reading are capped so one long gap cannot produce a burst of thousands.</summary>
    private const int MaxEventsPerReading = 5;

    private static readonly WeeklyProfile Attempts = new(
        new DailyProfile(2, 1, 0.5, 0.5, 1, 4, 20, 45, 35, 15, 10, 12, 18, 14, 10, 12, 18, 35, 45, 35, 20, 12, 6, 3),
        new DailyProfile(3, 2, 1, 0.5, 0.5, 2, 6, 12, 20, 25, 25, 22, 22, 20, 20, 22, 25, 28, 28, 22, 18, 12, 8, 5));

    private readonly int _cardPool = 80 + random.Next(120);
    private DateTimeOffset? _last;

    public SimulatedReading Next(DateTimeOffset at)
    {
        var local = site.Local(at);
        var elapsed = _last is { } last ? at - last : TimeSpan.Zero;
        _last = at;

        var rate = Attempts.At(local);
        var attempts = random.NextPoisson(rate * elapsed.TotalHours);
        var denialRate = local.Hour is >= 23 or < 6 ? 0.12 : 0.04;
        var denied = 0;
        for (var i = 0; i < attempts; i++)
        {
            denied += random.NextDouble() < denialRate ? 1 : 0;
        }

        var reading = SimulatedReading.At(at)
            .Add("door_open", random.Happened(rate * (1 - denialRate), TimeSpan.FromSeconds(6)))
            .Add("entries", attempts - denied)
            .Add("denied", denied);
        for (var i = 0; i < Math.Min(denied, MaxEventsPerReading); i++)
        {
            reading.Events.Add(new SimulatedEvent("access_denied", new Dictionary<string, string> { ["card_id"] = NextCardId() }));
        }

        return reading;
    }

    /// <summary>A card of this entrance's residents; the gateway pseudonymises it before storage.</summary>
    public string NextCardId() => string.Create(CultureInfo.InvariantCulture, $"card-{random.Next(_cardPool) + 1:D5}");
}
