namespace ParkCommunity.Simulators.Behaviour;

/// <summary>
/// A residential parking spot (FIWARE ParkingSpot): full at night, emptied by the morning commute and
/// refilled in the evening. Spots with a charger run EV sessions (7 kW, tapering when nearly full) when
/// a car arrives. A gate device reports <c>gate_open</c> as cars pass, busiest in the commute peaks.
/// </summary>
internal sealed class ParkingModel(SiteTime site, Random random, ParkingRole role) : IBehaviourModel
{
    public const double ChargerKilowatts = 7;

    /// <summary>Probability that a resident's car is in its spot.</summary>
    private static readonly WeeklyProfile Occupancy = new(
        new DailyProfile(0.93, 0.94, 0.94, 0.94, 0.93, 0.9, 0.8, 0.55, 0.35, 0.3, 0.28, 0.3, 0.35, 0.32, 0.3, 0.32, 0.4, 0.55, 0.75, 0.85, 0.9, 0.92, 0.93, 0.93),
        new DailyProfile(0.9, 0.91, 0.91, 0.91, 0.91, 0.9, 0.88, 0.85, 0.75, 0.6, 0.5, 0.5, 0.55, 0.55, 0.5, 0.5, 0.55, 0.65, 0.75, 0.8, 0.85, 0.88, 0.9, 0.9));

    /// <summary>Cars per hour through the gate: out in the morning, in in the evening.</summary>
    private static readonly WeeklyProfile GateFlow = new(
        new DailyProfile(4, 2, 1, 1, 2, 8, 40, 110, 90, 35, 20, 20, 25, 20, 20, 25, 40, 80, 110, 70, 40, 25, 15, 8),
        new DailyProfile(6, 3, 2, 1, 1, 3, 10, 25, 40, 50, 50, 45, 40, 40, 45, 45, 50, 55, 50, 40, 30, 20, 12, 8));

    /// <summary>How quickly a spot follows the occupancy rhythm: about three arrivals or departures an hour at most.</summary>
    private const double TurnoverPerHour = 3;

    private DateTimeOffset? _last;
    private bool _occupied;
    private double _energyToChargeKwh;

    public SimulatedReading Next(DateTimeOffset at)
    {
        var local = site.Local(at);
        var elapsed = _last is { } last ? at - last : TimeSpan.Zero;
        var first = _last is null;
        _last = at;

        if (role == ParkingRole.Gate)
        {
            // A barrier stays up ~8 s per car: is it up at this instant?
            return SimulatedReading.At(at).Add("gate_open", random.Happened(GateFlow.At(local), TimeSpan.FromSeconds(8)));
        }

        var target = Occupancy.At(local);
        var wasOccupied = _occupied;
        if (first)
        {
            _occupied = random.NextDouble() < target;
        }
        else if (_occupied ? random.Happened(TurnoverPerHour * (1 - target), elapsed) : random.Happened(TurnoverPerHour * target, elapsed))
        {
            _occupied = !_occupied;
        }

        var reading = SimulatedReading.At(at).Add("occupied", _occupied);
        return role == ParkingRole.ChargingSpot ? reading.Add("ev_charging_kw", Charge(wasOccupied, elapsed)) : reading;
    }

    private double Charge(bool wasOccupied, TimeSpan elapsed)
    {
        if (!_occupied)
        {
            _energyToChargeKwh = 0;
            return 0;
        }

        if (!wasOccupied && random.NextDouble() < 0.6)
        {
            _energyToChargeKwh = 8 + (random.NextDouble() * 22);
        }

        if (_energyToChargeKwh <= 0)
        {
            return 0;
        }

        // Constant power until the battery is nearly full, then the charger tapers off.
        var power = _energyToChargeKwh > 3 ? ChargerKilowatts : 3;
        _energyToChargeKwh -= power * elapsed.TotalHours;
        return power * (1 + random.NextGaussian(0, 0.01));
    }
}

internal enum ParkingRole
{
    Spot,
    ChargingSpot,
    Gate,
}
