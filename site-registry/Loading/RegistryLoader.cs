using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ParkCommunity.SiteRegistry;

/// <summary>
/// Reads a registry file (YAML; shape in docs/site-registry.md). Every problem is reported with its
/// file, line and column — all of them, up to <see cref="RegistryReader.MaxProblems"/>, not just the first.
/// </summary>
public static class RegistryLoader
{
    public static CommunityRegistry Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new RegistryException(fullPath, [$"{fullPath}: no such file (relative paths are resolved from {Environment.CurrentDirectory})"]);
        }

        return Parse(File.ReadAllText(fullPath), fullPath);
    }

    public static CommunityRegistry Parse(string yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new RegistryException(sourceName, [$"{sourceName}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML: {ex.InnerException?.Message ?? ex.Message}"]);
        }

        var reader = new RegistryReader(sourceName);
        var (sites, kinds) = stream.Documents.Count == 0
            ? reader.Empty()
            : reader.ReadRoot(stream.Documents[0].RootNode);
        if (reader.Problems.Count > 0)
        {
            throw new RegistryException(sourceName, reader.Problems);
        }

        return new CommunityRegistry(sites, sourceName, kinds);
    }
}
