using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Net.Http.Headers;

namespace ProvincePlatform.Host.Gateway;

/// <summary>
/// A CSV download of rows, for the province's spreadsheets: UTF-8 with a byte order mark (so that Excel shows
/// Vietnamese names as they are), a header row of the JSON names, and cells that a spreadsheet would run as a
/// formula escaped.
/// </summary>
public sealed class CsvFile(IEnumerable<object> rows, Type rowType, string fileName) : IResult, IStatusCodeHttpResult
{
    public const string MediaType = "text/csv";

    private static readonly CsvConfiguration s_configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
    };

    public int? StatusCode => StatusCodes.Status200OK;

    public static CsvFile Of<T>(IEnumerable<T> rows, string fileName)
        where T : notnull => new(rows.Cast<object>(), typeof(T), fileName);

    /// <summary>Whether the caller asked for CSV rather than JSON.</summary>
    public static bool IsWanted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = $"{MediaType}; charset=utf-8";
        httpContext.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName }.ToString();
        await using var writer = new StreamWriter(httpContext.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await using var csv = new CsvWriter(writer, s_configuration);
        csv.Context.RegisterClassMap(ClassMapFor(rowType));
        csv.Context.TypeConverterOptionsCache.GetOptions<DateOnly>().Formats = ["yyyy-MM-dd"];
        csv.WriteHeader(rowType);
        await csv.NextRecordAsync();
        foreach (var row in rows)
        {
            csv.WriteRecord(row);
            await csv.NextRecordAsync();
        }
    }

    /// <summary>Headers named as the JSON members are (camelCase), so one vocabulary serves both formats.</summary>
    private static ClassMap ClassMapFor(Type type)
    {
        var map = (ClassMap)Activator.CreateInstance(typeof(DefaultClassMap<>).MakeGenericType(type))!;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            map.Map(type, property).Name(JsonNamingPolicy.CamelCase.ConvertName(property.Name));
        }

        return map;
    }
}
