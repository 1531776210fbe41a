namespace ProvincePlatform.Grains.Common;

/// <summary>The name of the grain storage provider that holds all of the platform's grain state.</summary>
public static class ProvinceStorage
{
    public const string Name = "province";
}
