using ProvincePlatform.Contracts.Requests;

namespace ProvincePlatform.Grains.Requests;

/// <summary>The stored index of one commune's requests. Members are only ever added, with new ids.</summary>
[GenerateSerializer, Alias("pp.RequestRegisterState")]
public sealed class RequestRegisterState
{
    [Id(0)]
    public Dictionary<string, RequestSummary> Requests { get; set; } = [];
}
