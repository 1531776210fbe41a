using System.Text;

namespace ProvincePlatform.Host.Tests.Rollout.Command;

/// <summary>A folder of its own for the files a test hands the command, removed with everything in it afterwards.</summary>
public sealed class ScratchFolder : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("province-rollout-");

    /// <summary>Writes UTF-8 text, without a byte order mark unless asked for one, and returns the file's path.</summary>
    public string Write(string name, string text, bool byteOrderMark = false)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text, new UTF8Encoding(byteOrderMark));
        return path;
    }

    public string PathOf(string name) => Path.Combine(_folder.FullName, name);

    public void Dispose() => _folder.Delete(recursive: true);
}
