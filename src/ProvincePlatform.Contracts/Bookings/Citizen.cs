namespace ProvincePlatform.Contracts.Bookings;

/// <summary>
/// The person a help point guides. Personal data: <see cref="ToString"/> is overridden so that a record that
/// slips into a log line, an exception or a trace shows no ID number, name or phone.
/// </summary>
[GenerateSerializer, Immutable, Alias("pp.Citizen")]
public sealed record Citizen(
    [property: Id(0)] string IdNumber,
    [property: Id(1)] string FullName,
    [property: Id(2)] string Phone)
{
    public override string ToString() => "Citizen { (personal data withheld) }";
}
