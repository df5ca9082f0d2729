namespace ParkCommunity.DeviceContract;

/// <summary>The device kinds the contract defines. Registries may register more.</summary>
public static class DeviceKinds
{
    public const string Light = "light";
    public const string Park = "park";
    public const string Parking = "parking";
    public const string Access = "access";

    public static IReadOnlyList<string> Known { get; } = [Light, Park, Parking, Access];
}
