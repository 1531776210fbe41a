using System.Text;
using ProvincePlatform.Host.Rollout.Command;

namespace ProvincePlatform.Host.Tests.Rollout.Command;

/// <summary>The communes file: the register's format or a plain list, each problem named by its line.</summary>
public sealed class CommuneCodesCsvTests : IDisposable
{
    private const string RegisterHeader = "province_code,province_name,district_code,district_name,district_type,commune_code,commune_name,commune_type";

    private readonly ScratchFolder _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void The_official_register_yields_every_commune_in_its_order()
    {
        var register = Path.Combine(AppContext.BaseDirectory, "seed", "quang-nam-communes.csv");

        var reading = CommuneCodesCsv.ReadFile(register);

        Assert.True(reading.IsValid, string.Join("\n", reading.Errors));
        Assert.Equal(234, reading.Codes.Count);
        Assert.Equal("20335", reading.Codes[0]);
        Assert.Contains("20527", reading.Codes);
        Assert.Empty(reading.Warnings);
    }

    [Fact]
    public void A_register_extract_is_read_by_its_commune_code_column()
    {
        var reading = Read($"""
            {RegisterHeader}
            49,Tỉnh Quảng Nam,506,Huyện Đại Lộc,Huyện,20527,Xã Đại Thạnh,Xã
            49,Tỉnh Quảng Nam,506,Huyện Đại Lộc,Huyện,20530,Xã Đại Chánh,Xã
            """);

        Assert.Equal(["20527", "20530"], reading.Codes);
    }

    [Fact]
    public void A_plain_list_under_code_is_read()
    {
        var reading = Read("code\n20527\n20530\n");

        Assert.True(reading.IsValid, string.Join("\n", reading.Errors));
        Assert.Equal(["20527", "20530"], reading.Codes);
    }

    [Fact]
    public void A_byte_order_mark_does_not_hide_the_first_column()
    {
        var path = _files.Write("bom.csv", "code,note\n20527,Đại Thạnh\n", byteOrderMark: true);

        var reading = CommuneCodesCsv.ReadFile(path);

        Assert.True(reading.IsValid, string.Join("\n", reading.Errors));
        Assert.Equal(["20527"], reading.Codes);
    }

    [Fact]
    public void A_spreadsheet_saved_with_semicolons_and_padded_cells_is_read()
    {
        var reading = Read("tên xã; code \r\nXã Đại Thạnh; 20527 \r\nXã Đại Chánh;20530\r\n");

        Assert.True(reading.IsValid, string.Join("\n", reading.Errors));
        Assert.Equal(["20527", "20530"], reading.Codes);
    }

    [Fact]
    public void A_repeated_code_is_dropped_with_a_warning_naming_both_lines()
    {
        var reading = Read("code\n20527\n20530\n\n20527\n");

        Assert.True(reading.IsValid);
        Assert.Equal(["20527", "20530"], reading.Codes);
        var warning = Assert.Single(reading.Warnings);
        Assert.Contains("Line 5: commune code 20527 repeats line 2; dropped.", warning, StringComparison.Ordinal);
        Assert.StartsWith("Dòng 5:", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gateway_error_about_a_sent_code_is_traced_back_to_its_line_of_the_file()
    {
        var reading = Read("code\n20527\n\n20527\n20530\n");

        Assert.Equal("communeCodes[1] (20530, dòng/line 5)", reading.Describe("communeCodes[1]"));
        Assert.Equal("communeCodes[0] (20527, dòng/line 2)", reading.Describe("communeCodes[0]"));
        Assert.Equal("communeCodes[2]", reading.Describe("communeCodes[2]"));
        Assert.Equal("template.communeOffice.computers", reading.Describe("template.communeOffice.computers"));
    }

    [Fact]
    public void Every_code_that_is_not_five_digits_is_named_by_its_line()
    {
        var reading = Read("code,name\n20527,ok\n2052,short\n205270,long\nabcde,letters\n,empty\n");

        Assert.False(reading.IsValid);
        Assert.Collection(
            reading.Errors,
            error => Assert.Contains("Line 3: commune code \"2052\" must be five digits", error, StringComparison.Ordinal),
            error => Assert.Contains("Line 4: commune code \"205270\" must be five digits.", error, StringComparison.Ordinal),
            error => Assert.Contains("Line 5: commune code \"abcde\" must be five digits.", error, StringComparison.Ordinal),
            error => Assert.Contains("Line 6: the commune code is missing.", error, StringComparison.Ordinal));
    }

    [Fact]
    public void A_code_that_lost_its_leading_zeros_says_a_spreadsheet_may_have_dropped_them()
    {
        var reading = Read("code\n1\n");

        Assert.Contains("leading zeros", Assert.Single(reading.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_either_column_is_refused_naming_the_columns_it_has()
    {
        var reading = Read("commune,name\n20527,Đại Thạnh\n");

        var error = Assert.Single(reading.Errors);
        Assert.Contains("Line 1: no commune_code or code column; the columns are: commune, name.", error, StringComparison.Ordinal);
        Assert.Empty(reading.Codes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void An_empty_file_is_refused(string text)
    {
        var reading = Read(text);

        Assert.Contains("The file is empty", Assert.Single(reading.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_codes_is_refused()
    {
        var reading = Read("code\n");

        Assert.Contains("lists no commune codes under its code column", Assert.Single(reading.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_many_bad_codes_lists_the_first_twenty_and_counts_the_rest()
    {
        var reading = Read("code\n" + string.Concat(Enumerable.Repeat("x\n", 25)));

        Assert.Equal(CommuneCodesCsv.MaxErrorsListed + 1, reading.Errors.Count);
        Assert.Contains("… and 5 more.", reading.Errors[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("code,name\n20527,ok\n20530,\"unclosed\n20533,swallowed\n20536,too\n", "Line 3: a quote opens a field that runs over 3 lines.")]
    [InlineData("code,name\n20527,ok\n20530,\"unclosed at the end\n", "Line 3: unreadable CSV (a stray quote?).")]
    public void An_unclosed_quote_is_refused_where_it_starts_rather_than_swallowing_the_lines_after_it(string text, string error)
    {
        var reading = Read(text);

        Assert.False(reading.IsValid);
        Assert.Contains(error, Assert.Single(reading.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_cell_is_refused_naming_its_line()
    {
        var reading = Read("code,name\n20527,ok\n20530,Đại \"Chánh\n");

        Assert.Contains("Line 3: unreadable CSV", Assert.Single(reading.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_too_long_for_any_commune_list_is_refused_naming_its_line()
    {
        var reading = Read("code,name\n20527,ok\n20530," + new string('x', 5000) + "\n");

        Assert.Contains("Line 3: unreadable CSV.", Assert.Single(reading.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Blank_lines_and_rows_of_empty_cells_are_passed_over_and_still_counted()
    {
        var reading = Read("\ncode,name\n20527,ok\n\n,\n2053,short\n,\n");

        Assert.Equal(["20527"], reading.Codes);
        Assert.Contains("Line 6: commune code \"2053\" must be five digits", Assert.Single(reading.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_there_is_named()
    {
        var path = _files.PathOf("missing.csv");

        var reading = CommuneCodesCsv.ReadFile(path);

        Assert.Contains($"Cannot read the file {path}", Assert.Single(reading.Errors), StringComparison.Ordinal);
    }

    private static CommuneCodesReading Read(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return CommuneCodesCsv.Read(stream);
    }
}
