using System.Text;
using System.Text.Json;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Host.Bookings;
using ProvincePlatform.Host.Gateway;
using ProvincePlatform.Host.HelpPoints;
using ProvincePlatform.Host.Requests;

namespace ProvincePlatform.Host.Tests.Hostile;

/// <summary>
/// The gateway's text rules and the JSON converter that applies them to every string a body holds: NFC in,
/// control characters, malformed Unicode and over-long text refused with the member named, writing untouched.
/// </summary>
public sealed class GatewayTextTests
{
    /// <summary>"Nguyễn Thị Thu" decomposed: e, combining circumflex, combining tilde.</summary>
    private const string DecomposedName = "Nguye\u0302\u0303n Thi\u0323 Thu";
    private const string ComposedName = "Nguyễn Thị Thu";

    private static readonly JsonSerializerOptions s_gateway = GatewayOptions();

    public static TheoryData<int> ControlCharacters() => [.. Enumerable.Range(0, 0x20), .. Enumerable.Range(0x7F, 0x21)];

    public static TheoryData<string, string> MalformedText() => new()
    {
        { "\\ud800", "a lone high surrogate" },
        { "a\\udc00", "a lone low surrogate" },
        { "\\ude00\\ud83d", "a surrogate pair the wrong way round" },
        { "\\ufffe", "U+FFFE" },
        { "\\uffff", "U+FFFF" },
        { "\\ufdd0", "U+FDD0" },
        { "\\ufdef", "U+FDEF" },
        { "\\ud83f\\udffe", "U+1FFFE" },
        { "\\udbff\\udfff", "U+10FFFF" },
        { "a\\u202eb", "a right-to-left override" },
        { "a\\u2066b", "a left-to-right isolate" },
        { "\\u200f", "a right-to-left mark" },
    };

    public static TheoryData<string> CleanText() =>
    [
        ComposedName,
        "Xã Đại Thạnh, huyện Đại Lộc",
        "😀 👩‍👩‍👧",
        "\uFFFD",
        "\uFDCF\uFDF0",
        "<script>alert(1)</script> ' OR 1=1 --",
        "a\u200Db\u00ADc",
        new string('a', GatewayText.MaxLength),
        string.Empty,
    ];

    [Fact]
    public void Text_is_read_in_NFC_in_members_lists_dictionary_values_and_keys()
    {
        Assert.False(DecomposedName.IsNormalized(NormalizationForm.FormC));

        var booking = Read<BookingBody>($$$"""{"citizen": {"fullName": "{{{DecomposedName}}}"}}""");
        var list = Read<List<string>>($"""["{DecomposedName}"]""");
        var form = Read<IReadOnlyDictionary<string, string>>($$"""{"{{DecomposedName}}": "{{DecomposedName}}"}""");

        Assert.Equal(ComposedName, booking.Citizen!.FullName);
        Assert.Equal(ComposedName, Assert.Single(list));
        var (key, value) = Assert.Single(form);
        Assert.Equal(ComposedName, key);
        Assert.Equal(ComposedName, value);
    }

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public void Every_control_character_is_refused_naming_the_member(int controlCharacter)
    {
        var escaped = $"\\u{controlCharacter:x4}";

        var refused = Assert.Throws<JsonException>(() => Read<BookingBody>($$$"""{"citizen": {"fullName": "Nguyễn{{{escaped}}}Thu"}}"""));

        Assert.Equal("$.citizen.fullName", refused.Path);
    }

    [Theory]
    [InlineData("Nguyễn Thu\\n")]
    [InlineData("\\tNguyễn Thu")]
    [InlineData("\\r\\n")]
    public void White_space_controls_are_refused_even_where_trimming_would_remove_them(string fullName)
    {
        var refused = Assert.Throws<JsonException>(() => Read<BookingBody>($$$"""{"citizen": {"fullName": "{{{fullName}}}"}}"""));

        Assert.Equal("$.citizen.fullName", refused.Path);
    }

    [Theory]
    [MemberData(nameof(MalformedText))]
    public void Malformed_Unicode_is_refused_never_thrown_as_anything_but_a_JsonException(string escaped, string what)
    {
        var refused = Assert.Throws<JsonException>(() => Read<HelpPointBody>($$"""{"name": "{{escaped}}"}"""));

        Assert.True(refused.Path == "$.name", $"{what}: {refused.Path}");
    }

    [Fact]
    public void The_noncharacter_the_normaliser_throws_on_is_refused_as_raw_UTF8_too()
    {
        // U+FFFE written as its three UTF-8 bytes rather than escaped: string.Normalize throws ArgumentException on it.
        byte[] json = [.. "{\"reason\": \"a"u8, 0xEF, 0xBF, 0xBE, .. "\"}"u8];

        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ClosureBody>(json, s_gateway));

        Assert.Equal("$.reason", refused.Path);
        Assert.False(GatewayText.TryNormalize("a\uFFFE", out _));
        Assert.False(GatewayText.TryNormalize("\uD800", out _));
    }

    [Theory]
    [MemberData(nameof(CleanText))]
    public void Clean_text_is_read_as_sent_in_NFC(string text)
    {
        var read = Read<ClosureBody>(JsonSerializer.Serialize(new { reason = text }));

        Assert.Equal(text.Normalize(NormalizationForm.FormC), read.Reason);
    }

    [Fact]
    public void Text_over_the_limit_is_refused()
    {
        var refused = Assert.Throws<JsonException>(() => Read<HelpPointBody>(JsonSerializer.Serialize(new { address = new string('a', GatewayText.MaxLength + 1) })));

        Assert.Equal("$.address", refused.Path);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("[]")]
    [InlineData("{}")]
    public void A_value_that_is_not_a_string_is_refused(string json)
    {
        var refused = Assert.Throws<JsonException>(() => Read<NewRequestBody>($$$"""{"serviceCode": {{{json}}}}"""));

        Assert.Equal("$.serviceCode", refused.Path);
    }

    [Fact]
    public void Null_stays_null()
    {
        Assert.Null(Read<BookingBody>("""{"serviceCode": null}""").ServiceCode);
    }

    [Fact]
    public void A_dictionary_value_or_key_that_breaks_the_rules_is_refused()
    {
        var value = Assert.Throws<JsonException>(() => Read<IReadOnlyDictionary<string, string>>("""{"childFullName": "a\u0007"}"""));
        Assert.Throws<JsonException>(() => Read<IReadOnlyDictionary<string, string>>("""{"child\u0000FullName": "a"}"""));
        Assert.Throws<JsonException>(() => Read<IReadOnlyDictionary<string, string>>("""{"\ud800": "a"}"""));

        Assert.Equal("$.childFullName", value.Path);
    }

    [Fact]
    public void A_repeated_member_is_refused()
    {
        Assert.Throws<JsonException>(() => Read<LookupBody>("""{"idNumber": "049090000001", "idNumber": "049090000002"}"""));
        Assert.Throws<JsonException>(() => Read<IReadOnlyDictionary<string, string>>("""{"childSex": "male", "childSex": "female"}"""));
    }

    [Fact]
    public void The_refusal_never_holds_the_text()
    {
        const string Secret = "Trần Văn Bí Mật";

        var refused = Assert.Throws<JsonException>(() => Read<BookingBody>($$$"""{"citizen": {"fullName": "{{{Secret}}}\u0007"}}"""));

        Assert.DoesNotContain("Bí Mật", refused.ToString(), StringComparison.Ordinal);
        Assert.Equal(GatewayText.Rule, refused.Message);
    }

    [Fact]
    public void Writing_is_left_as_the_serializer_writes_it()
    {
        // Without the converter, the same options otherwise: what the gateway writes must not change.
        var plain = new JsonSerializerOptions(s_gateway);
        plain.Converters.Remove(plain.Converters.OfType<GatewayStringJsonConverter>().Single());
        object[] values =
        [
            new { name = DecomposedName, note = "a\u0007b\n", empty = string.Empty, none = (string?)null },
            new Dictionary<string, string> { [DecomposedName] = "\u0085", ["b"] = new string('x', GatewayText.MaxLength * 2) },
            new[] { "\uFFFE", ComposedName },
        ];

        foreach (var value in values)
        {
            Assert.Equal(JsonSerializer.Serialize(value, plain), JsonSerializer.Serialize(value, s_gateway));
        }

        using var written = JsonDocument.Parse(JsonSerializer.Serialize(DecomposedName, s_gateway));
        Assert.Equal(DecomposedName, written.RootElement.GetString());
    }

    [Fact]
    public void An_enum_value_is_still_read_by_its_name()
    {
        Assert.Equal(HelpPointKind.VillageHouse, Read<HelpPointBody>("""{"kind": "villageHouse"}""").Kind);
    }

    /// <summary>The options as the gateway sets them up: ASP.NET Core's web defaults, then <see cref="GatewayJson.Configure"/>.</summary>
    private static JsonSerializerOptions GatewayOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        GatewayJson.Configure(options);
        return options;
    }

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, s_gateway)!;
}
