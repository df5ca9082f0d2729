namespace ParkCommunity.Gateway.DeadLetters;

public interface IDeadLetterStore
{
    /// <summary>Completes once the dead letter is durable.</summary>
    Task AddAsync(DeadLetter letter, CancellationToken cancellationToken);

    /// <summary>The newest dead letters first, optionally only those of one device or reason.</summary>
    Task<IReadOnlyList<DeadLetter>> ListAsync(string? device, string? reason, int limit, CancellationToken cancellationToken);

    /// <summary>How many dead letters there are per reason.</summary>
    Task<IReadOnlyDictionary<string, long>> CountByReasonAsync(CancellationToken cancellationToken);
}
