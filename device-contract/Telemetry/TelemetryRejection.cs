namespace ParkCommunity.DeviceContract.Telemetry;

/// <summary>
/// One thing of a payload that broke the contract. <paramref name="ItemIndex"/> is the index of the item in
/// a batch (0 for a single object), or <see cref="WholePayload"/> when nothing of the payload was accepted.
/// <paramref name="Detail"/> names the item and the field, e.g. <c>item 3: value "power_w" is NaN</c>.
/// </summary>
public sealed record TelemetryRejection(int ItemIndex, RejectReason Reason, string Detail)
{
    public const int WholePayload = -1;

    public override string ToString() => $"{Reason}: {Detail}";
}
