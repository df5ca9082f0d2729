using System.Collections.Concurrent;
using ParkCommunity.Gateway.DeadLetters;

namespace ParkCommunity.Gateway.Tests.Support;

public sealed class RecordingDeadLetterStore : IDeadLetterStore
{
    public ConcurrentQueue<DeadLetter> Letters { get; } = new();

    public Task AddAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        Letters.Enqueue(letter);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeadLetter>> ListAsync(string? device, string? reason, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeadLetter>>([.. Letters.Where(l => (device is null || l.Device == device) && (reason is null || l.Reason == reason)).Take(limit)]);

    public Task<IReadOnlyDictionary<string, long>> CountByReasonAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(Letters.GroupBy(l => l.Reason).ToDictionary(g => g.Key, g => (long)g.Count()));
}
