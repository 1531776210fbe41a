using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Rollout;

/// <summary>
/// Rollout operations, the rollout table and communes' stages over HTTP. A rollout touches every commune it names, so
/// these tests keep to communes no other test uses: Huyện Phú Ninh (518) is rolled out as a district, once; Huyện Nam
/// Trà My (516) is rolled out commune by commune; stages are moved by hand in Huyện Tiên Phước (514). Each test has
/// communes of its own.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed partial class RolloutApiTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    /// <summary>Huyện Phú Ninh: ten communes, rolled out by district in one test only.</summary>
    private const string PhuNinh = "518";

    private const string Admin = "province-it";

    private const string RolloutUri = "/api/v1/province/rollout";

    /// <summary>In <see cref="InvalidBodies"/>, the member is left out of the body.</summary>
    private const string? Absent = null;

    /// <summary>Xã Trà Nam, which the invalid bodies name and which must never be provisioned by them.</summary>
    private const string UntouchedCommune = "20953";

    private static readonly string[] s_stageKeys = ["notStarted", "preparing", "piloting", "active", "paused"];

    /// <summary>A member of a valid rollout of <see cref="UntouchedCommune"/> changed, and the field the 400 must name.</summary>
    public static TheoryData<string, string?, string> InvalidBodies => new()
    {
        { "district", "\"516\"", "district" },
        { "communeCodes", $"[\"{UntouchedCommune}\", \"99999\"]", "communeCodes[1]" },
        { "communeCodes", $"[\"{UntouchedCommune}\", null]", "communeCodes[1]" },
        { "communeCodes", $"[\"{UntouchedCommune}\", \"\"]", "communeCodes[1]" },
        { "communeCodes", "[]", "communeCodes" },
        { "template", Absent, "template" },
        { "template", "null", "template" },
        { "template", "{}", "template" },
        { "template", "{\"villageHouses\": {\"count\": 0, \"computers\": 6, \"openingHours\": [{\"days\": [\"mon\"], \"start\": \"19:00\", \"end\": \"20:00\"}]}}", "template" },
        { "template.villageHouses.count", "31", "template.villageHouses.count" },
        { "template.villageHouses.count", "-1", "template.villageHouses.count" },
        { "template.villageHouses.count", Absent, "template.villageHouses.count" },
        { "template.villageHouses.computers", "0", "template.villageHouses.computers" },
        { "template.villageHouses.computers", Absent, "template.villageHouses.computers" },
        { "template.villageHouses.openingHours", "[]", "template.villageHouses.openingHours" },
        { "template.villageHouses.openingHours[0].end", "\"18:00\"", "template.villageHouses.openingHours[0].end" },
        { "template.villageHouses.openingHours[0].end", Absent, "template.villageHouses.openingHours[0].end" },
        { "template.villageHouses.openingHours[0].days", "[\"mon\", \"mon\"]", "template.villageHouses.openingHours[0].days" },
        { "template.communeOffice.computers", "0", "template.communeOffice.computers" },
        { "template.communeOffice.computers", "201", "template.communeOffice.computers" },
        { "template.communeOffice.computers", Absent, "template.communeOffice.computers" },
        { "template.communeOffice.openingHours[1].start", "\"11:00\"", "template.communeOffice.openingHours[1]" },
    };

    /// <summary>Stage bodies that name no stage, and a note too long.</summary>
    public static TheoryData<string, string> InvalidStageBodies => new()
    {
        { "{}", "stage" },
        { "{\"stage\": null}", "stage" },
        { "{\"stage\": \"launched\"}", "stage" },
        { "{\"stage\": \"\"}", "stage" },
        { "{\"stage\": 2}", "stage" },
        // Two stage names read as a combination of their values: "preparing" | "piloting" would be "active".
        { "{\"stage\": \"preparing, piloting\"}", "stage" },
        { "{\"stage\": \"notStarted, piloting\"}", "stage" },
        { $"{{\"stage\": \"piloting\", \"note\": \"{new string('n', 501)}\"}}", "note" },
    };

    // ---- Starting a rollout and following it ----------------------------------------------------------------------

    [Fact]
    public async Task Starting_a_rollout_is_202_with_the_operation_id_the_total_and_the_operation_as_Location()
    {
        var today = Gateway.Today;

        var response = await PostAsync(RolloutUri, Bodies.Rollout(["20935", "20938", "20935"]));

        var started = await HttpJson.ReadAsync(response, HttpStatusCode.Accepted);
        var operationId = started.Text("operationId");
        Assert.Matches(OperationIdPattern(), operationId);
        Assert.Equal($"ro-{today:yyyyMMdd}-", operationId[..12]);
        Assert.Equal(2, started.GetProperty("total").GetInt32());
        Assert.Equal($"{RolloutUri}/operations/{operationId}", response.Headers.Location?.OriginalString);
        var operation = await GetJsonAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(operationId, operation.Text("operationId"));
        Assert.Equal(2, operation.GetProperty("total").GetInt32());
        Assert.True(operation.Text("status") is "running" or "completed", operation.Text("status"));
        Assert.Equal(Gateway.Clock.GetUtcNow(), operation.GetProperty("startedAt").GetDateTimeOffset());
        Assert.EndsWith("+07:00", operation.Text("startedAt"), StringComparison.Ordinal);

        // Finished here, so that no pass of it runs on under the tests that come next.
        await Gateway.DriveRolloutAsync(operationId);
        Assert.Equal(2, (await GetOperationAsync(operationId)).GetProperty("provisioned").GetInt32());
    }

    [Fact]
    public async Task A_district_rollout_gives_every_commune_of_the_district_the_templates_help_points_and_moves_it_to_preparing()
    {
        var district = Registers.QuangNam.Where(commune => commune.DistrictCode == PhuNinh).ToList();
        var started = await HttpJson.ReadAsync(await PostAsync(RolloutUri, Bodies.DistrictRollout(PhuNinh)), HttpStatusCode.Accepted);
        var operationId = started.Text("operationId");
        Assert.Equal(district.Count, started.GetProperty("total").GetInt32());
        var startedAt = Gateway.Clock.GetUtcNow();

        await Gateway.DriveRolloutAsync(operationId);

        var operation = await GetOperationAsync(operationId);
        Assert.Equal("completed", operation.Text("status"));
        Assert.Equal(district.Count, operation.GetProperty("total").GetInt32());
        Assert.Equal(district.Count, operation.GetProperty("done").GetInt32());
        Assert.Equal(district.Count, operation.GetProperty("provisioned").GetInt32());
        Assert.Equal(0, operation.GetProperty("skipped").GetInt32());
        Assert.Equal(0, operation.GetProperty("failed").GetInt32());
        Assert.Empty(operation.GetProperty("failures").EnumerateArray());
        Assert.Equal(startedAt, operation.GetProperty("finishedAt").GetDateTimeOffset());
        foreach (var commune in district)
        {
            AssertTemplateHelpPoints(commune, await HelpPointsOfAsync(commune.Code), villageHouses: 5);
            var rollout = await GetJsonAsync(StageUri(commune.Code));
            Assert.Equal("preparing", rollout.Text("stage"));
            Assert.Equal(startedAt, rollout.GetProperty("since").GetDateTimeOffset());
            var change = Assert.Single(rollout.GetProperty("history").EnumerateArray());
            Assert.Equal("preparing", change.Text("stage"));
            Assert.Equal(startedAt, change.GetProperty("at").GetDateTimeOffset());
            Assert.StartsWith(Admin, change.Text("by"), StringComparison.Ordinal);
            Assert.Contains(operationId, change.Text("by"), StringComparison.Ordinal);
        }

        var listed = (await GetJsonAsync($"/api/v1/communes?district={PhuNinh}")).EnumerateArray().ToList();
        Assert.Equal(district.Select(commune => commune.Code), listed.Select(commune => commune.Text("code")));
        Assert.All(listed, commune => Assert.Equal("preparing", commune.Text("rolloutStage")));
        Assert.All(listed, commune => Assert.Equal(6, commune.GetProperty("helpPointCount").GetInt32()));

        var table = await GetJsonAsync($"{RolloutUri}?district={PhuNinh}");
        Assert.Equal(district.Count, table.GetProperty("stages").GetProperty("preparing").GetInt32());
        Assert.Equal(6 * district.Count, table.GetProperty("helpPointCount").GetInt32());
        var summary = Assert.Single(table.GetProperty("districts").EnumerateArray());
        Assert.Equal(PhuNinh, summary.Text("code"));
        Assert.Equal("Huyện Phú Ninh", summary.Text("name"));
        Assert.Equal(district.Count, summary.GetProperty("communeCount").GetInt32());
        Assert.All(table.GetProperty("communes").EnumerateArray(), row => Assert.Equal(startedAt, row.GetProperty("since").GetDateTimeOffset()));
    }

    [Fact]
    public async Task Running_the_same_rollout_again_skips_every_commune_and_opens_no_help_point_twice()
    {
        string[] communes = ["20941", "20944"];
        var first = await StartAndDriveAsync(Bodies.Rollout(communes, Bodies.RolloutTemplate(2)));
        var opened = new Dictionary<string, string[]>();
        foreach (var code in communes)
        {
            opened[code] = [.. (await HelpPointsOfAsync(code)).Select(helpPoint => helpPoint.Text("id"))];
        }

        var second = await StartAndDriveAsync(Bodies.Rollout(communes, Bodies.RolloutTemplate(2)));

        Assert.Equal(2, first.GetProperty("provisioned").GetInt32());
        Assert.NotEqual(first.Text("operationId"), second.Text("operationId"));
        Assert.Equal("completed", second.Text("status"));
        Assert.Equal(2, second.GetProperty("total").GetInt32());
        Assert.Equal(2, second.GetProperty("skipped").GetInt32());
        Assert.Equal(0, second.GetProperty("provisioned").GetInt32());
        Assert.Equal(2, second.GetProperty("done").GetInt32());
        foreach (var code in communes)
        {
            Assert.Equal(3, opened[code].Length);
            Assert.Equal(opened[code], (await HelpPointsOfAsync(code)).Select(helpPoint => helpPoint.Text("id")));
            Assert.Single((await GetJsonAsync(StageUri(code))).GetProperty("history").EnumerateArray());
        }
    }

    [Fact]
    public async Task A_commune_with_help_points_of_its_own_is_skipped_keeps_them_and_enters_the_rollout()
    {
        const string ownHelpPoints = "20947";
        const string fresh = "20950";
        var own = await OpenHelpPointInAsync(ownHelpPoints, Bodies.HelpPoint(2));

        var operation = await StartAndDriveAsync(Bodies.Rollout([ownHelpPoints, fresh], Bodies.RolloutTemplate(1)));

        Assert.Equal("completed", operation.Text("status"));
        Assert.Equal(1, operation.GetProperty("provisioned").GetInt32());
        Assert.Equal(1, operation.GetProperty("skipped").GetInt32());
        Assert.Equal([own], (await HelpPointsOfAsync(ownHelpPoints)).Select(helpPoint => helpPoint.Text("id")));
        Assert.Equal("preparing", (await GetJsonAsync(StageUri(ownHelpPoints))).Text("stage"));
        Assert.Equal(2, (await HelpPointsOfAsync(fresh)).Length);
        Assert.Equal("preparing", (await GetJsonAsync(StageUri(fresh))).Text("stage"));
    }

    [Fact]
    public async Task A_rollout_leaves_the_stage_of_a_commune_that_has_already_started_as_it_is()
    {
        const string piloting = "20959";
        await HttpJson.ReadAsync(await PutAsync(StageUri(piloting), Bodies.RolloutStage("piloting")), HttpStatusCode.OK);

        var operation = await StartAndDriveAsync(Bodies.Rollout([piloting], Bodies.RolloutTemplate(1)));

        Assert.Equal(1, operation.GetProperty("provisioned").GetInt32());
        Assert.Equal(2, (await HelpPointsOfAsync(piloting)).Length);
        var rollout = await GetJsonAsync(StageUri(piloting));
        Assert.Equal("piloting", rollout.Text("stage"));
        Assert.Single(rollout.GetProperty("history").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task An_invalid_rollout_is_400_naming_the_field_and_starts_nothing(string path, string? json, string field)
    {
        var body = JsonEdits.ToObject(Bodies.Rollout([UntouchedCommune]));
        JsonEdits.Change(body, path, json);

        await HttpJson.ReadValidationProblemAsync(await Http.PostAsync(RolloutUri, HttpJson.Raw(body.ToJsonString())), field);

        Assert.Empty(await HelpPointsOfAsync(UntouchedCommune));
    }

    [Fact]
    public async Task A_rollout_of_an_unknown_district_is_400_naming_district()
    {
        var problem = await HttpJson.ReadValidationProblemAsync(await PostAsync(RolloutUri, Bodies.DistrictRollout("999")), "district");

        Assert.False(problem.GetProperty("errors").TryGetProperty("communeCodes", out _));
    }

    [Fact]
    public async Task Unknown_commune_codes_are_named_one_by_one_up_to_twenty()
    {
        string[] codes = [UntouchedCommune, .. Enumerable.Range(0, 25).Select(i => $"9{i:0000}")];

        var problem = await HttpJson.ReadValidationProblemAsync(await PostAsync(RolloutUri, Bodies.Rollout(codes)), "communeCodes[1]");

        var named = problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).ToList();
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"communeCodes[{i}]"), named);
        Assert.Empty(await HelpPointsOfAsync(UntouchedCommune));
    }

    [Fact]
    public async Task A_body_with_every_commune_code_of_the_country_is_read_whole_where_other_routes_refuse_it_for_size()
    {
        var national = Registers.Vietnam.Select(commune => commune.Code).ToList();
        var json = JsonSerializer.Serialize(Bodies.Rollout(national), HttpJson.Options);
        Assert.Equal(10_047, national.Count);
        Assert.True(Encoding.UTF8.GetByteCount(json) > 64 * 1024, "The body is not over the gateway's usual limit.");

        // The test host loads Quảng Nam only, so the codes outnumber its register: the body was read to the end and
        // judged, not cut off at the limit.
        await HttpJson.ReadValidationProblemAsync(await Http.PostAsync(RolloutUri, HttpJson.Raw(json)), "communeCodes");
        await HttpJson.ReadProblemAsync(
            await Http.PostAsync($"/api/v1/communes/{UntouchedCommune}/help-points", HttpJson.Raw(json)), HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task A_valid_rollout_body_over_the_gateways_usual_64_KB_is_accepted()
    {
        const string commune = "20956";
        // Insignificant white space between tokens, as a generous pretty-printer writes: valid JSON of any length.
        var json = JsonSerializer.Serialize(Bodies.Rollout([commune], Bodies.RolloutTemplate(1)), HttpJson.Options);
        var padded = "{" + new string(' ', 70 * 1024) + json[1..];

        var started = await HttpJson.ReadAsync(await Http.PostAsync(RolloutUri, HttpJson.Raw(padded)), HttpStatusCode.Accepted);
        await Gateway.DriveRolloutAsync(started.Text("operationId"));

        Assert.Equal(1, (await GetOperationAsync(started.Text("operationId"))).GetProperty("provisioned").GetInt32());
        Assert.Equal(2, (await HelpPointsOfAsync(commune)).Length);
    }

    [Theory]
    [InlineData("ro-20261201-00000000")]
    [InlineData("ro-99991231-ffffffff")]
    [InlineData("ro-20261201-ABCDEF12")]
    [InlineData("ro-2026120-000000000")]
    [InlineData("not-an-operation")]
    [InlineData("0")]
    public async Task An_unknown_or_malformed_operation_id_is_404(string operationId)
    {
        await HttpJson.ReadProblemAsync(
            await Http.GetAsync($"{RolloutUri}/operations/{operationId}"), HttpStatusCode.NotFound, "rollout-operation-not-found");
    }

    // ---- The rollout table --------------------------------------------------------------------------------------

    [Fact]
    public async Task The_rollout_table_lists_every_commune_of_the_register_with_every_stage_and_district_summaries_that_add_up()
    {
        const string moved = "20872";
        var movedAt = Gateway.Clock.GetUtcNow();
        await HttpJson.ReadAsync(await PutAsync(StageUri(moved), Bodies.RolloutStage("active")), HttpStatusCode.OK);

        var table = await GetJsonAsync(RolloutUri);

        var rows = table.GetProperty("communes").EnumerateArray().ToList();
        Assert.Equal(Registers.QuangNam.Select(commune => commune.Code), rows.Select(row => row.Text("code")));
        Assert.Equal(Registers.QuangNam.Select(commune => commune.Name), rows.Select(row => row.Text("name")));
        Assert.Equal(Registers.QuangNam.Select(commune => commune.DistrictName), rows.Select(row => row.Text("districtName")));
        var stages = StageCounts(table);
        Assert.Equal(s_stageKeys, stages.Keys);
        Assert.Equal(rows.Count, stages.Values.Sum());
        Assert.All(s_stageKeys, stage => Assert.Equal(rows.Count(row => row.Text("stage") == stage), stages[stage]));
        Assert.Equal(rows.Sum(row => row.GetProperty("helpPointCount").GetInt32()), table.GetProperty("helpPointCount").GetInt32());

        var districts = table.GetProperty("districts").EnumerateArray().ToList();
        Assert.Equal(Registers.QuangNam.Select(commune => commune.DistrictCode).Distinct(), districts.Select(district => district.Text("code")));
        foreach (var district in districts)
        {
            var own = rows.Where(row => row.Text("districtCode") == district.Text("code")).ToList();
            Assert.Equal(own[0].Text("districtName"), district.Text("name"));
            Assert.Equal(own.Count, district.GetProperty("communeCount").GetInt32());
            Assert.Equal(own.Sum(row => row.GetProperty("helpPointCount").GetInt32()), district.GetProperty("helpPointCount").GetInt32());
            var districtStages = StageCounts(district);
            Assert.Equal(s_stageKeys, districtStages.Keys);
            Assert.All(s_stageKeys, stage => Assert.Equal(own.Count(row => row.Text("stage") == stage), districtStages[stage]));
        }

        Assert.Equal(rows.Count, districts.Sum(district => district.GetProperty("communeCount").GetInt32()));
        var active = Assert.Single(rows, row => row.Text("code") == moved);
        Assert.Equal("active", active.Text("stage"));
        Assert.Equal(movedAt, active.GetProperty("since").GetDateTimeOffset());
        Assert.All(rows.Where(row => row.Text("stage") == "notStarted"), row => Assert.Equal(JsonValueKind.Null, row.GetProperty("since").ValueKind));
    }

    [Fact]
    public async Task The_rollout_table_of_a_district_lists_its_communes_only()
    {
        const string tienPhuoc = "514";

        var table = await GetJsonAsync($"{RolloutUri}?district={tienPhuoc}");

        var expected = Registers.QuangNam.Where(commune => commune.DistrictCode == tienPhuoc).Select(commune => commune.Code);
        Assert.Equal(expected, table.GetProperty("communes").EnumerateArray().Select(row => row.Text("code")));
        var district = Assert.Single(table.GetProperty("districts").EnumerateArray());
        Assert.Equal("Huyện Tiên Phước", district.Text("name"));
        Assert.Equal(expected.Count(), StageCounts(table).Values.Sum());
    }

    [Fact]
    public async Task The_rollout_table_of_an_unknown_district_is_400_naming_district()
    {
        await HttpJson.ReadValidationProblemAsync(await Http.GetAsync($"{RolloutUri}?district=999"), "district");
        await HttpJson.ReadValidationProblemAsync(await Http.GetAsync($"{RolloutUri}?district=20527"), "district");
    }

    [Fact]
    public async Task The_rollout_table_as_CSV_has_a_header_and_one_row_per_commune_with_Vietnamese_names_intact()
    {
        const string moved = "20875";
        await HttpJson.ReadAsync(await PutAsync(StageUri(moved), Bodies.RolloutStage("preparing")), HttpStatusCode.OK);
        var table = await GetJsonAsync(RolloutUri);

        var csv = await CsvDownload.GetAsync(Http, RolloutUri);

        Assert.Equal(["code", "name", "districtCode", "districtName", "stage", "since", "helpPointCount"], csv.Header);
        var rows = csv.Records.ToList();
        Assert.Equal(Registers.QuangNam.Select(commune => commune.Code), rows.Select(row => row["code"]));
        Assert.Equal(Registers.QuangNam.Select(commune => commune.Name), rows.Select(row => row["name"]));
        Assert.Contains(rows, row => row["name"] == "Xã Đại Thạnh" && row["districtName"] == "Huyện Đại Lộc");
        foreach (var (row, json) in rows.Zip(table.GetProperty("communes").EnumerateArray()))
        {
            Assert.Equal(json.Text("districtCode"), row["districtCode"]);
            Assert.Equal(json.Text("stage"), row["stage"]);
            Assert.Equal(json.GetProperty("helpPointCount").GetInt32().ToString(CultureInfo.InvariantCulture), row["helpPointCount"]);
            Assert.Equal(json.GetProperty("since").ValueKind == JsonValueKind.Null ? string.Empty : json.Text("since"), row["since"]);
        }

        var preparing = Assert.Single(rows, row => row["code"] == moved);
        Assert.Equal("preparing", preparing["stage"]);
        Assert.EndsWith("+07:00", preparing["since"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rollout_table_as_CSV_of_a_district_has_its_communes_only()
    {
        var csv = await CsvDownload.GetAsync(Http, $"{RolloutUri}?district={PhuNinh}");

        Assert.Equal(
            Registers.QuangNam.Where(commune => commune.DistrictCode == PhuNinh).Select(commune => commune.Code),
            csv.Records.Select(row => row["code"]));
    }

    // ---- Stages moved by hand -----------------------------------------------------------------------------------

    [Fact]
    public async Task Moving_a_commune_to_a_stage_is_200_with_its_history_naming_the_client_and_keeping_the_note()
    {
        const string commune = "20854";
        var firstAt = Gateway.Clock.GetUtcNow();

        var first = await HttpJson.ReadAsync(
            await PutAsync(StageUri(commune), Bodies.RolloutStage("piloting", "  Thí điểm ở thôn 1 trước / Pilot in village 1 first  ")), HttpStatusCode.OK);
        Gateway.Clock.Advance(TimeSpan.FromHours(1));
        var secondAt = Gateway.Clock.GetUtcNow();
        await HttpJson.ReadAsync(await PutAsync(StageUri(commune), Bodies.RolloutStage("active")), HttpStatusCode.OK);

        Assert.Equal(commune, first.Text("communeCode"));
        Assert.Equal("piloting", first.Text("stage"));
        Assert.Equal(firstAt, first.GetProperty("since").GetDateTimeOffset());
        var rollout = await GetJsonAsync(StageUri(commune));
        Assert.Equal("active", rollout.Text("stage"));
        Assert.Equal(secondAt, rollout.GetProperty("since").GetDateTimeOffset());
        Assert.EndsWith("+07:00", rollout.Text("since"), StringComparison.Ordinal);
        var history = rollout.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["piloting", "active"], history.Select(change => change.Text("stage")));
        Assert.Equal([firstAt, secondAt], history.Select(change => change.GetProperty("at").GetDateTimeOffset()));
        Assert.All(history, change => Assert.Equal(Admin, change.Text("by")));
        Assert.Equal("Thí điểm ở thôn 1 trước / Pilot in village 1 first", history[0].Text("note"));
        Assert.Equal(JsonValueKind.Null, history[1].GetProperty("note").ValueKind);
    }

    [Fact]
    public async Task A_commune_that_never_moved_is_notStarted_since_never_with_no_history()
    {
        var rollout = await GetJsonAsync(StageUri("20857"));

        Assert.Equal("20857", rollout.Text("communeCode"));
        Assert.Equal("notStarted", rollout.Text("stage"));
        Assert.Equal(JsonValueKind.Null, rollout.GetProperty("since").ValueKind);
        Assert.Empty(rollout.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task Moving_a_commune_to_the_stage_it_is_in_adds_no_history()
    {
        const string commune = "20860";
        await HttpJson.ReadAsync(await PutAsync(StageUri(commune), Bodies.RolloutStage("preparing", "lần đầu")), HttpStatusCode.OK);
        var since = Gateway.Clock.GetUtcNow();
        Gateway.Clock.Advance(TimeSpan.FromMinutes(5));

        var again = await HttpJson.ReadAsync(await PutAsync(StageUri(commune), Bodies.RolloutStage("preparing", "lần hai")), HttpStatusCode.OK);

        Assert.Equal("preparing", again.Text("stage"));
        Assert.Equal(since, again.GetProperty("since").GetDateTimeOffset());
        var change = Assert.Single(again.GetProperty("history").EnumerateArray());
        Assert.Equal("lần đầu", change.Text("note"));
    }

    [Fact]
    public async Task A_commune_that_has_started_cannot_go_back_to_notStarted_and_is_409()
    {
        const string commune = "20866";
        await HttpJson.ReadAsync(await PutAsync(StageUri(commune), Bodies.RolloutStage("preparing")), HttpStatusCode.OK);

        var problem = await HttpJson.ReadProblemAsync(
            await PutAsync(StageUri(commune), Bodies.RolloutStage("notStarted")), HttpStatusCode.Conflict, "rollout-stage-not-allowed");

        HttpJson.AssertNames(problem, "stage");
        var rollout = await GetJsonAsync(StageUri(commune));
        Assert.Equal("preparing", rollout.Text("stage"));
        Assert.Single(rollout.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task A_commune_that_never_started_cannot_be_paused_and_is_409()
    {
        const string commune = "20869";

        var problem = await HttpJson.ReadProblemAsync(
            await PutAsync(StageUri(commune), Bodies.RolloutStage("paused")), HttpStatusCode.Conflict, "rollout-stage-not-allowed");

        HttpJson.AssertNames(problem, "stage");
        Assert.Equal("notStarted", (await GetJsonAsync(StageUri(commune))).Text("stage"));
    }

    [Fact]
    public async Task A_commune_that_started_may_be_paused_and_resumed()
    {
        const string commune = "20878";
        foreach (var stage in new[] { "piloting", "paused", "active" })
        {
            await HttpJson.ReadAsync(await PutAsync(StageUri(commune), Bodies.RolloutStage(stage)), HttpStatusCode.OK);
        }

        var rollout = await GetJsonAsync(StageUri(commune));

        Assert.Equal(["piloting", "paused", "active"], rollout.GetProperty("history").EnumerateArray().Select(change => change.Text("stage")));
    }

    [Theory]
    [MemberData(nameof(InvalidStageBodies))]
    public async Task A_stage_body_without_a_stage_or_with_a_long_note_is_400_naming_the_field_and_changes_nothing(string json, string field)
    {
        const string commune = "20881";

        await HttpJson.ReadValidationProblemAsync(await Http.PutAsync(StageUri(commune), HttpJson.Raw(json)), field);

        var rollout = await GetJsonAsync(StageUri(commune));
        Assert.Equal("notStarted", rollout.Text("stage"));
        Assert.Empty(rollout.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task A_note_of_500_characters_is_kept_whole()
    {
        var note = string.Concat(Enumerable.Repeat("Đại Thạnh ", 50));
        Assert.Equal(500, note.Length);

        var moved = await HttpJson.ReadAsync(await PutAsync(StageUri("20884"), Bodies.RolloutStage("preparing", note)), HttpStatusCode.OK);

        Assert.Equal(note.Trim(), Assert.Single(moved.GetProperty("history").EnumerateArray()).Text("note"));
    }

    [Fact]
    public async Task The_stage_of_an_unknown_commune_is_404()
    {
        await HttpJson.ReadProblemAsync(await Http.GetAsync(StageUri("99999")), HttpStatusCode.NotFound, "commune-not-found");
        await HttpJson.ReadProblemAsync(
            await PutAsync(StageUri("99999"), Bodies.RolloutStage("preparing")), HttpStatusCode.NotFound, "commune-not-found");
    }

    [Fact]
    public async Task The_commune_list_and_the_commune_show_the_stage_it_was_moved_to()
    {
        const string commune = "20887";
        await HttpJson.ReadAsync(await PutAsync(StageUri(commune), Bodies.RolloutStage("piloting")), HttpStatusCode.OK);

        var one = await GetJsonAsync($"/api/v1/communes/{commune}");
        var listed = Assert.Single((await GetJsonAsync("/api/v1/communes?district=514")).EnumerateArray(), row => row.Text("code") == commune);

        Assert.Equal("piloting", one.Text("rolloutStage"));
        Assert.Equal("piloting", listed.Text("rolloutStage"));
        Assert.Equal("notStarted", Assert.Single((await GetJsonAsync("/api/v1/communes?district=514")).EnumerateArray(), row => row.Text("code") == "20890").Text("rolloutStage"));
    }

    // ---- Helpers ------------------------------------------------------------------------------------------------

    private static string StageUri(string communeCode) => $"/api/v1/communes/{communeCode}/rollout-stage";

    private Task<JsonElement> GetOperationAsync(string operationId) => GetJsonAsync($"{RolloutUri}/operations/{operationId}");

    /// <summary>Starts a rollout, plays a whole pass of it, and returns the operation then.</summary>
    private async Task<JsonElement> StartAndDriveAsync(object body)
    {
        var operationId = (await HttpJson.ReadAsync(await PostAsync(RolloutUri, body), HttpStatusCode.Accepted)).Text("operationId");
        await Gateway.DriveRolloutAsync(operationId);
        return await GetOperationAsync(operationId);
    }

    private async Task<JsonElement[]> HelpPointsOfAsync(string communeCode) =>
        [.. (await GetJsonAsync($"/api/v1/communes/{communeCode}/help-points")).EnumerateArray()];

    private static Dictionary<string, int> StageCounts(JsonElement owner) =>
        owner.GetProperty("stages").EnumerateObject().ToDictionary(stage => stage.Name, stage => stage.Value.GetInt32());

    /// <summary>The help points of <see cref="Bodies.RolloutTemplate"/>: the commune office, then the village houses, placed in the commune.</summary>
    private static void AssertTemplateHelpPoints(RegisterCommune commune, JsonElement[] helpPoints, int villageHouses)
    {
        Assert.Equal(["communeOffice", .. Enumerable.Repeat("villageHouse", villageHouses)], helpPoints.Select(helpPoint => helpPoint.Text("kind")));
        Assert.Equal([3, .. Enumerable.Repeat(6, villageHouses)], helpPoints.Select(helpPoint => helpPoint.GetProperty("computers").GetInt32()));
        Assert.All(helpPoints, helpPoint => Assert.Equal(commune.Code, helpPoint.Text("communeCode")));
        Assert.All(helpPoints, helpPoint => Assert.Contains(commune.Name, helpPoint.Text("address"), StringComparison.Ordinal));
        Assert.Contains(commune.Name, helpPoints[0].Text("name"), StringComparison.Ordinal);
        Assert.Equal(helpPoints.Length, helpPoints.Select(helpPoint => helpPoint.Text("name")).Distinct().Count());
        Assert.Equal(
            ["mon-fri 07:30-11:30", "mon-fri 13:30-17:00"],
            helpPoints[0].GetProperty("openingHours").EnumerateArray().Select(Describe));
        Assert.All(helpPoints[1..], house => Assert.Equal(["every day 19:00-20:00"], house.GetProperty("openingHours").EnumerateArray().Select(Describe)));
    }

    private static string Describe(JsonElement period)
    {
        var days = period.GetProperty("days").EnumerateArray().Select(day => day.GetString()).ToArray();
        var when = days.SequenceEqual(Bodies.EveryDay) ? "every day" : days.SequenceEqual(Bodies.Weekdays) ? "mon-fri" : string.Join(",", days);
        return $"{when} {period.Text("start")}-{period.Text("end")}";
    }

    [GeneratedRegex("^ro-[0-9]{8}-[0-9a-f]{8}$")]
    private static partial Regex OperationIdPattern();
}
