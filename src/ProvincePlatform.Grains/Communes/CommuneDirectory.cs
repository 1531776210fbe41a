using System.Collections.Frozen;
using ProvincePlatform.Grains.Common;

namespace ProvincePlatform.Grains.Communes;

/// <summary>
/// The official register of communes, loaded once at start-up and read by every request. It is reference data,
/// not grain state: it changes only when the province publishes a new list, which means a new file and a restart.
/// </summary>
public sealed class CommuneDirectory
{
    private readonly Commune[] _communes;
    private readonly string[] _foldedNames;
    private readonly string[] _lowerNames;
    private readonly FrozenDictionary<string, Commune> _byCode;
    private readonly FrozenSet<string> _districtCodes;

    public CommuneDirectory(IEnumerable<Commune> communes)
    {
        _communes = [.. communes];
        _foldedNames = [.. _communes.Select(commune => VietnameseText.Fold(commune.Name))];
        _lowerNames = [.. _communes.Select(commune => VietnameseText.Lower(commune.Name))];
        if (_communes.GroupBy(commune => commune.Code).FirstOrDefault(group => group.Count() > 1) is { } duplicate)
        {
            throw new InvalidDataException($"Commune code {duplicate.Key} appears more than once.");
        }

        _byCode = _communes.ToFrozenDictionary(commune => commune.Code, StringComparer.Ordinal);

        _districtCodes = _communes.Select(commune => commune.DistrictCode).ToFrozenSet(StringComparer.Ordinal);
    }

    public int Count => _communes.Length;

    public static CommuneDirectory Load(string path)
    {
        using var reader = new StreamReader(path);
        return new CommuneDirectory(CommuneCsv.Read(reader, Path.GetFileName(path)));
    }

    public Commune? Find(string communeCode) => _byCode.GetValueOrDefault(communeCode);

    public bool HasDistrict(string districtCode) => _districtCodes.Contains(districtCode);

    /// <summary>
    /// The communes of a district (or all), whose name contains the query. A query typed with diacritics must
    /// match them ("Đại Thạnh" does not find "Đại Thành"); one typed without matches either way ("dai thanh").
    /// </summary>
    public IEnumerable<Commune> Search(string? districtCode, string? query)
    {
        var exact = !string.IsNullOrWhiteSpace(query) && VietnameseText.HasDiacritics(query);
        var needle = string.IsNullOrWhiteSpace(query) ? null
            : exact ? VietnameseText.Lower(query) : VietnameseText.Fold(query);
        var names = exact ? _lowerNames : _foldedNames;
        for (var i = 0; i < _communes.Length; i++)
        {
            var commune = _communes[i];
            if ((districtCode is null || commune.DistrictCode == districtCode)
                && (needle is null || names[i].Contains(needle, StringComparison.Ordinal)))
            {
                yield return commune;
            }
        }
    }
}
