using System.Collections.Immutable;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Grains.Tests.Citizens;

namespace ProvincePlatform.Grains.Tests.Requests;

public static class TestRequests
{
    public static ImmutableDictionary<string, string> CompleteBirthForm { get; } = new Dictionary<string, string>
    {
        ["childFullName"] = "Nguyễn Bé Na",
        ["childBirthDate"] = "2026-11-20",
        ["childSex"] = "female",
        ["birthPlace"] = "Trạm y tế xã Đại Thạnh",
        ["motherFullName"] = "Trần Thị Thu",
        ["applicantRelationship"] = "mother",
    }.ToImmutableDictionary();

    public static NewRequest Birth(string communeCode, int citizen = 1, ImmutableDictionary<string, string>? form = null) =>
        new(communeCode, TestCitizens.Number(citizen), "birthRegistration", null, form ?? CompleteBirthForm);
}
