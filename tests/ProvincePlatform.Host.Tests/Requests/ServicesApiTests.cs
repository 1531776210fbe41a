using System.Text.Json;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Requests;

[Collection(GatewayCollection.Name)]
public sealed class ServicesApiTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    [Fact]
    public async Task The_catalogue_lists_seven_services_named_in_Vietnamese_and_English_with_their_online_level()
    {
        var services = (await GetJsonAsync("/api/v1/services")).EnumerateArray().ToList();

        Assert.Equal(7, services.Count);
        Assert.Equal(7, services.Select(service => service.Text("code")).Distinct(StringComparer.Ordinal).Count());
        Assert.All(services, service =>
        {
            Assert.False(string.IsNullOrWhiteSpace(service.Text("name")));
            Assert.False(string.IsNullOrWhiteSpace(service.Text("nameEn")));
            Assert.NotEqual(service.Text("name"), service.Text("nameEn"));
            Assert.True(service.Text("onlineLevel") is "full" or "partial", $"onlineLevel {service.Text("onlineLevel")}");
        });
        Assert.Contains(services, service => service.Text("onlineLevel") == "full");
        Assert.Contains(services, service => service.Text("onlineLevel") == "partial");
        var birth = Assert.Single(services, service => service.Text("code") == Bodies.ServiceCode);
        Assert.Equal("Đăng ký khai sinh", birth.Text("name"));
        Assert.Equal("Birth registration", birth.Text("nameEn"));
    }

    [Fact]
    public async Task Every_service_lists_its_form_fields_with_required_flags()
    {
        var services = (await GetJsonAsync("/api/v1/services")).EnumerateArray().ToList();

        Assert.All(services, service =>
        {
            var fields = service.GetProperty("fields").EnumerateArray().ToList();
            Assert.NotEmpty(fields);
            Assert.All(fields, field =>
            {
                Assert.False(string.IsNullOrWhiteSpace(field.Text("name")));
                Assert.True(field.GetProperty("required").ValueKind is JsonValueKind.True or JsonValueKind.False, $"required of {field}");
            });
            Assert.Contains(fields, field => field.GetProperty("required").GetBoolean());
        });
        var birthFields = Assert.Single(services, service => service.Text("code") == Bodies.ServiceCode).GetProperty("fields")
            .EnumerateArray().ToDictionary(field => field.Text("name"), field => field.GetProperty("required").GetBoolean());
        Assert.True(birthFields["childFullName"]);
        Assert.False(birthFields["fatherFullName"]);
        // The test's complete form is exactly the required fields, so submit tests know what "complete" means.
        Assert.Equal(
            Bodies.BirthForm().Keys.Order(StringComparer.Ordinal),
            birthFields.Where(field => field.Value).Select(field => field.Key).Order(StringComparer.Ordinal));
    }
}
