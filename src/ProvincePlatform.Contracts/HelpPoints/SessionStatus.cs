namespace ProvincePlatform.Contracts.HelpPoints;

[GenerateSerializer, Alias("pp.SessionStatus")]
public enum SessionStatus
{
    Open,
    Full,
    Closed,
    Past,
}
