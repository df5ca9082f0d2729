namespace ParkCommunity.SiteRegistry;

/// <summary>
/// A registry file that cannot be used. <see cref="Exception.Message"/> lists every problem found, each as
/// <c>file:line:column: what is wrong</c>, so the file can be fixed in one go.
/// </summary>
public sealed class RegistryException : Exception
{
    public RegistryException(string sourceName, IReadOnlyList<string> problems)
        : base($"The site registry {sourceName} has {problems.Count} problem(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
    {
        Problems = problems;
    }

    public RegistryException() : base("The site registry cannot be used.") => Problems = [];

    public RegistryException(string message) : base(message) => Problems = [message];

    public RegistryException(string message, Exception innerException) : base(message, innerException) => Problems = [message];

    /// <summary>Each problem as <c>file:line:column: message</c>.</summary>
    public IReadOnlyList<string> Problems { get; }
}
