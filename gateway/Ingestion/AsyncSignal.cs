using System.Threading.Channels;

namespace ParkCommunity.Gateway.Ingestion;

/// <summary>
/// An auto-resetting "something changed, look again" signal: any number of <see cref="Set"/> calls
/// wake one pending or next <see cref="WaitAsync"/>. A one-slot channel that drops extra writes is
/// exactly that, with no locking of our own.
/// </summary>
internal sealed class AsyncSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false });

    public void Set() => _channel.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken cancellationToken) => await _channel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
}
