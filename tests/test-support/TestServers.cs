namespace ParkCommunity.TestSupport;

/// <summary>
/// The real servers the test command (<c>./test.sh</c>) starts on loopback and announces through
/// environment variables. A test that needs one fails with a message saying how to get it, rather
/// than silently passing without it.
/// </summary>
public static class TestServers
{
    public const string InfluxDbUrlVariable = "PC_TEST_INFLUXDB_URL";
    public const string MosquittoPortVariable = "PC_TEST_MOSQUITTO_PORT";
    public const string PostgresVariable = "PC_TEST_POSTGRES";
    public const string ChromiumVariable = "PC_TEST_CHROMIUM";

    /// <summary>Base URL of the shared InfluxDB 1.x server, e.g. http://127.0.0.1:18086.</summary>
    public static Uri InfluxDbUrl => new(Require(InfluxDbUrlVariable));

    /// <summary>Port of the shared mosquitto broker on 127.0.0.1 (anonymous access, loopback only).</summary>
    public static int MosquittoPort => int.Parse(Require(MosquittoPortVariable), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Npgsql connection string of the shared PostgreSQL server (a superuser; tests create their own databases).</summary>
    public static string PostgresConnectionString => Require(PostgresVariable);

    /// <summary>The Debian chromium executable the browser tests drive through Playwright.</summary>
    public static string ChromiumPath => Require(ChromiumVariable);

    /// <summary>
    /// Where tests put files for people to look at (browser screenshots): <c>PC_TEST_ARTIFACTS</c>, which ./test.sh sets to
    /// <c>artifacts/</c> in the repository, else a folder under the system temp folder.
    /// </summary>
    public static string ArtifactsDirectory =>
        Directory.CreateDirectory(Environment.GetEnvironmentVariable("PC_TEST_ARTIFACTS") is { Length: > 0 } path
            ? path
            : Path.Combine(Path.GetTempPath(), "parkcommunity-test-artifacts")).FullName;

    /// <summary>A fresh name for a database, bucket or folder so tests never share state.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the tests with ./test.sh, which starts InfluxDB, mosquitto and PostgreSQL on loopback, " +
                "or set the variable to a server of your own.");
}
