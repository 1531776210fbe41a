namespace ProvincePlatform.Cluster.Tests.Support;

/// <summary>
/// The applications the tests run as processes, from the output folders their project references built, in the
/// configuration and target framework of the tests themselves.
/// </summary>
public static class BuiltApps
{
    public static string Host { get; } = Find("ProvincePlatform.Host");

    public static string PortalSimulator { get; } = Find("ProvincePlatform.PortalSimulator");

    /// <summary>The <c>dotnet</c> that runs the tests, to run the applications with.</summary>
    public static string Dotnet { get; } = FindDotnet();

    private static string Find(string project)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (targetFramework, configuration) = (output.Name, output.Parent?.Name ?? "Debug");
        var path = Path.Combine(RepositoryRoot(), "src", project, "bin", configuration, targetFramework, project + ".dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} does not exist: build {project} (the tests' project references do) in {configuration}.");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ProvincePlatform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ProvincePlatform.sln above {AppContext.BaseDirectory}.");
    }

    private static string FindDotnet()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        return Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
