namespace ParkCommunity.TestSupport;

/// <summary>The checkout's root folder (where ParkCommunity.sln is), for tests that use shipped files.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>The sample community registry: ~600 devices whose secrets follow the demo rule.</summary>
    public static string SampleRegistry => File("deploy", "sample-community", "registry.yaml");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "ParkCommunity.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ParkCommunity.sln above {AppContext.BaseDirectory}.");
    }
}
