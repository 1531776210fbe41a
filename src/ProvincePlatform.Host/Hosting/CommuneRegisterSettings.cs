using ProvincePlatform.Grains.Communes;

namespace ProvincePlatform.Host.Hosting;

/// <summary>The <c>Communes</c> configuration section: which register of administrative units to load.</summary>
public sealed class CommuneRegisterSettings
{
    public const string SectionName = "Communes";

    /// <summary>The CSV file; a relative path is taken from the application's directory.</summary>
    public string File { get; set; } = "seed/quang-nam-communes.csv";

    public CommuneDirectory Load()
    {
        var path = Path.IsPathRooted(File) ? File : Path.Combine(AppContext.BaseDirectory, File);
        if (!System.IO.File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The commune register '{path}' does not exist. Set {SectionName}:File to a CSV in the register's format.");
        }

        return CommuneDirectory.Load(path);
    }
}
