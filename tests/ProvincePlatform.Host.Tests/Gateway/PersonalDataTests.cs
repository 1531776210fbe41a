using System.Net;
using System.Text.Json;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Gateway;

/// <summary>ID numbers, names and phones are personal data: no answer carries them back unasked.</summary>
[Collection(GatewayCollection.Name)]
public sealed class PersonalDataTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    private const string SecretName = "Trần Văn Bí Mật";

    [Theory]
    [InlineData("\"049299876543\"", "049299876543")]
    [InlineData("\"003090876543\"", "003090876543")]
    [InlineData("\"0490908765432\"", "0490908765432")]
    [InlineData("\"04909087654x\"", "04909087654x")]
    [InlineData("49090876543", "49090876543")]
    public async Task An_invalid_idNumber_is_not_echoed_back(string idNumberJson, string idNumber)
    {
        var id = await OpenHelpPointAsync(2);
        var body = $"{{\"citizen\": {{\"idNumber\": {idNumberJson}, \"fullName\": \"{SecretName}\", \"phone\": \"0905876543\"}}, \"serviceCode\": \"birthRegistration\"}}";

        var response = await Http.PostAsync(BookingsOf(id, SessionId(Today.AddDays(1))), HttpJson.Raw(body));

        var text = Decoded(await HttpJson.ReadValidationProblemAsync(response, "citizen.idNumber"));
        Assert.DoesNotContain(idNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain("876543", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretName, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_phone_is_not_echoed_back()
    {
        var id = await OpenHelpPointAsync(2);
        var body = $"{{\"citizen\": {{\"idNumber\": \"{TestCitizens.NewIdNumber()}\", \"fullName\": \"{SecretName}\", \"phone\": \"0123987654\"}}, \"serviceCode\": \"birthRegistration\"}}";

        var response = await Http.PostAsync(WalkInsOf(id, SessionId(Today)), HttpJson.Raw(body));

        var text = Decoded(await HttpJson.ReadValidationProblemAsync(response, "citizen.phone"));
        Assert.DoesNotContain("987654", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretName, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_booking_does_not_echo_the_citizen()
    {
        var id = await OpenHelpPointAsync(1);
        var session = SessionId(Today.AddDays(1));
        var idNumber = TestCitizens.NewIdNumber();
        await HttpJson.ReadAsync(await BookAsync(id, session, idNumber), HttpStatusCode.Created);

        var response = await BookAsync(id, session, idNumber);

        var text = Decoded(await HttpJson.ReadProblemAsync(response, HttpStatusCode.Conflict, "already-booked"));
        Assert.DoesNotContain(idNumber[3..], text, StringComparison.Ordinal);
        Assert.DoesNotContain(Bodies.FullName, text, StringComparison.Ordinal);
    }

    /// <summary>Every name and string value of the document, unescaped, so that "\u00ED" cannot hide an "í".</summary>
    private static string Decoded(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => string.Join('\n', element.EnumerateObject().Select(member => member.Name + "\n" + Decoded(member.Value))),
        JsonValueKind.Array => string.Join('\n', element.EnumerateArray().Select(Decoded)),
        JsonValueKind.String => element.GetString()!,
        _ => element.GetRawText(),
    };
}
