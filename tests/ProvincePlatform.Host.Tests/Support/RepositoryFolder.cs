namespace ProvincePlatform.Host.Tests.Support;

/// <summary>The repository the tests were built from, for the files they check or run (deploy/…).</summary>
public static class RepositoryFolder
{
    /// <summary>The folder holding ProvincePlatform.sln, above the tests' output folder.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ProvincePlatform.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No ProvincePlatform.sln above {AppContext.BaseDirectory}.");
    }
}
