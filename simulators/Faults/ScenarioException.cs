namespace ParkCommunity.Simulators.Faults;

/// <summary>A scenario file or <c>--fault</c> value that cannot be used; the message starts with where it was written.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException()
    {
    }

    public ScenarioException(string message)
        : base(message)
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ScenarioException(string source, string problem)
        : base($"{source}: {problem}")
    {
    }

    public ScenarioException(string source, string problem, Exception innerException)
        : base($"{source}: {problem}", innerException)
    {
    }
}
