using System.Net;
using ProvincePlatform.Host.Rollout.Command;
using static ProvincePlatform.Host.Tests.Rollout.Command.FakeRolloutGateway;

namespace ProvincePlatform.Host.Tests.Rollout.Command;

/// <summary>
/// <c>rollout</c> against a scripted gateway: what it sends, how it follows the operation, what it prints and how it
/// exits. The delay between polls returns at once, so a run takes no real time.
/// </summary>
public sealed class RolloutCommandTests : IDisposable
{
    private const string Gateway = "http://127.0.0.1:5080";

    private readonly ScratchFolder _files = new();
    private readonly string _communes;

    public RolloutCommandTests() => _communes = _files.Write("communes.csv", "code\n20527\n20530\n20533\n");

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_completed_rollout_exits_0_and_ends_with_its_summary_in_vietnamese_then_english()
    {
        var gateway = new FakeRolloutGateway().ThenOperation(Operation("running", 3, 1), Operation("completed", 3, 2, skipped: 1));
        var run = new CommandRun();

        var exitCode = await run.RunAsync(gateway, "--gateway", Gateway, "--communes", _communes);

        Assert.Equal(RolloutExitCode.Completed, exitCode);
        Assert.Equal(
            [
                "Thao tác ro-test1 hoàn tất: đã cấp 2 xã, bỏ qua 1 xã đã có, lỗi 0 xã.",
                "Operation ro-test1 completed: provisioned 2 communes, skipped 1 already provisioned, failed 0.",
            ],
            run.OutputLines[^2..]);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task All_codes_go_in_one_post_with_the_key_from_the_environment_and_the_dai_thanh_model()
    {
        var gateway = new FakeRolloutGateway().ThenOperation(Operation("completed", 3, 3));
        var run = new CommandRun();
        run.Variables[RolloutCommand.KeyVariable] = "  pp_from-the-environment\n";

        await run.RunAsync(gateway, "--gateway", Gateway, "--communes", _communes);

        var post = Assert.Single(gateway.Sent, request => request.Method == HttpMethod.Post);
        Assert.Equal(new Uri("http://127.0.0.1:5080/api/v1/province/rollout"), post.Uri);
        Assert.All(gateway.Sent, request => Assert.Equal("pp_from-the-environment", request.Key));
        var body = post.Json();
        Assert.Equal(["20527", "20530", "20533"], body.GetProperty("communeCodes").EnumerateArray().Select(code => code.GetString()));
        var template = body.GetProperty("template");
        var office = template.GetProperty("communeOffice");
        Assert.Equal(3, office.GetProperty("computers").GetInt32());
        Assert.Equal(
            """[{"days":["mon","tue","wed","thu","fri"],"start":"07:30","end":"11:30"},{"days":["mon","tue","wed","thu","fri"],"start":"13:30","end":"17:00"}]""",
            office.GetProperty("openingHours").GetRawText());
        var houses = template.GetProperty("villageHouses");
        Assert.Equal((5, 6), (houses.GetProperty("count").GetInt32(), houses.GetProperty("computers").GetInt32()));
        Assert.Equal(
            """[{"days":["sun","mon","tue","wed","thu","fri","sat"],"start":"19:00","end":"20:00"}]""",
            houses.GetProperty("openingHours").GetRawText());
    }

    [Fact]
    public async Task A_template_file_is_sent_as_the_template()
    {
        var template = _files.Write("template.json", """{"villageHouses": {"count": 2, "computers": 4, "openingHours": [{"days": ["sat"], "start": "19:00", "end": "21:00"}]}}""");
        var gateway = new FakeRolloutGateway().ThenOperation(Operation("completed", 3, 3));

        await new CommandRun().RunAsync(gateway, "--gateway", Gateway, "--communes", _communes, "--template", template);

        var sent = gateway.Sent[0].Json().GetProperty("template");
        Assert.False(sent.TryGetProperty("communeOffice", out _));
        Assert.Equal(
            """{"count":2,"computers":4,"openingHours":[{"days":["sat"],"start":"19:00","end":"21:00"}]}""",
            sent.GetProperty("villageHouses").GetRawText());
    }

    [Fact]
    public async Task It_polls_every_half_second_until_the_operation_is_no_longer_running()
    {
        var gateway = new FakeRolloutGateway().ThenOperation(
            Operation("running", 3, 0), Operation("running", 3, 1), Operation("running", 3, 2), Operation("completed", 3, 3));
        var run = new CommandRun();

        await run.RunAsync(gateway, "--gateway", Gateway, "--communes", _communes);

        Assert.Equal(4, gateway.Polls);
        Assert.Equal(new Uri("http://127.0.0.1:5080/api/v1/province/rollout/operations/ro-test1"), gateway.Sent[^1].Uri);
        Assert.Equal([.. Enumerable.Repeat(TimeSpan.FromMilliseconds(500), 3)], run.Delays);
    }

    [Fact]
    public async Task Redirected_output_gets_a_progress_line_per_tenth_and_no_carriage_returns()
    {
        var gateway = new FakeRolloutGateway()
        {
            Start = () => Accepted(10),
        }.ThenOperation(Operation("running", 10, 0), Operation("running", 10, 1), Operation("running", 10, 1), Operation("completed", 10, 10));
        var run = new CommandRun();

        await run.RunAsync(gateway, "--gateway", Gateway, "--communes", _communes);

        Assert.Equal(
            ["Triển khai / Rollout 10% 1/10  lỗi/failed 0", "Triển khai / Rollout 100% 10/10  lỗi/failed 0"],
            run.OutputLines.Where(line => line.StartsWith(ProgressBar.Label, StringComparison.Ordinal)));
        Assert.DoesNotContain('\r', run.Output);
    }

    [Fact]
    public async Task A_terminal_gets_one_bar_redrawn_in_place()
    {
        var gateway = new FakeRolloutGateway().ThenOperation(Operation("running", 3, 1), Operation("completed", 3, 3));
        var run = new CommandRun { Terminal = true };

        await run.RunAsync(gateway, "--gateway", Gateway, "--communes", _communes);

        Assert.Contains(
            "\r" + ProgressBar.Render(1, 0, 3) + "\r" + ProgressBar.Render(3, 0, 3) + Environment.NewLine + "Thao tác ro-test1 hoàn tất",
            run.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_communes_are_listed_with_their_reasons_and_the_run_exits_1()
    {
        var failures = """[{"communeCode":"20530","reason":"Xã không có trong sổ / Not in the register"},{"communeCode":"20533","reason":null}]""";
        var gateway = new FakeRolloutGateway().ThenOperation(Operation("completedWithFailures", 3, 1, failed: 2, failures: failures));
        var run = new CommandRun();

        var exitCode = await run.RunAsync(gateway, "--gateway", Gateway, "--communes", _communes);

        Assert.Equal(RolloutExitCode.Failed, exitCode);
        Assert.Equal(
            [
                "Xã lỗi / Failed communes:",
                "20530: Xã không có trong sổ / Not in the register",
                "20533: không rõ lý do / no reason given",
                "Thao tác ro-test1 hoàn tất, có xã lỗi: đã cấp 1 xã, bỏ qua 0 xã đã có, lỗi 2 xã.",
                "Operation ro-test1 completed with failures: provisioned 1 commune, skipped 0 already provisioned, failed 2.",
            ],
            run.OutputLines[^5..]);
    }

    [Fact]
    public async Task A_validation_problem_is_printed_with_its_title_detail_and_errors_each_code_traced_to_its_line_and_exits_1_without_polling()
    {
        var gateway = new FakeRolloutGateway
        {
            Start = () => Problem(HttpStatusCode.BadRequest, """
                {"type":"urn:provinceplatform:problem:validation","title":"Dữ liệu không hợp lệ / The request is not valid","status":400,
                 "detail":"Xem errors / See errors",
                 "errors":{"template.villageHouses.computers":["Từ 1 đến 200 / From 1 to 200."],"communeCodes[1]":["Không có trong sổ / Not in the register."]}}
                """),
        };
        var run = new CommandRun();

        var exitCode = await run.RunAsync(gateway, "--gateway", Gateway, "--communes", _communes);

        Assert.Equal(RolloutExitCode.Failed, exitCode);
        Assert.Equal(0, gateway.Polls);
        Assert.Equal(
            [
                "Máy chủ trả lời / The gateway answered HTTP 400: Dữ liệu không hợp lệ / The request is not valid",
                "  Xem errors / See errors",
                "  template.villageHouses.computers: Từ 1 đến 200 / From 1 to 200.",
                "  communeCodes[1] (20530, dòng/line 3): Không có trong sổ / Not in the register.",
                "",
            ],
            run.Error.Split(Environment.NewLine));
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "Check the key in PROVINCE_API_KEY.")]
    [InlineData(HttpStatusCode.Forbidden, "This key does not have the ProvinceAdmin role.")]
    public async Task A_refused_key_is_explained_without_a_stack_trace(HttpStatusCode status, string hint)
    {
        var gateway = new FakeRolloutGateway
        {
            Start = () => Problem(status, $$"""{"type":"urn:provinceplatform:problem:x","title":"Bị từ chối / Refused","status":{{(int)status}}}"""),
        };
        var run = new CommandRun();

        var exitCode = await run.RunAsync(gateway, "--gateway", Gateway, "--communes", _communes);

        Assert.Equal(RolloutExitCode.Failed, exitCode);
        Assert.Contains($"HTTP {(int)status}: Bị từ chối / Refused", run.Error, StringComparison.Ordinal);
        Assert.Contains(hint, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error + run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_is_not_a_problem_document_is_reported_by_its_status()
    {
        var gateway = new FakeRolloutGateway { Start = () => Json(HttpStatusCode.InternalServerError, "<html>oops</html>") };
        var run = new CommandRun();

        var exitCode = await run.RunAsync(gateway, "--gateway", Gateway, "--communes", _communes);

        Assert.Equal(RolloutExitCode.Failed, exitCode);
        Assert.Contains("The gateway answered HTTP 500 InternalServerError.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_gateway_is_reported_and_exits_1()
    {
        var run = new CommandRun();

        var exitCode = await run.RunAsync(
            new UnreachableGateway(new HttpRequestException("Connection refused (127.0.0.1:5080)")), "--gateway", Gateway, "--communes", _communes);

        Assert.Equal(RolloutExitCode.Failed, exitCode);
        Assert.Contains("Cannot reach http://127.0.0.1:5080/: Connection refused (127.0.0.1:5080)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_connection_is_reported_by_what_dropped_it()
    {
        var run = new CommandRun();
        var dropped = new HttpRequestException("An error occurred while sending the request.", new IOException("The response ended prematurely."));

        var exitCode = await run.RunAsync(new UnreachableGateway(dropped), "--gateway", Gateway, "--communes", _communes);

        Assert.Equal(RolloutExitCode.Failed, exitCode);
        Assert.Contains("An error occurred while sending the request. (The response ended prematurely.)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_poll_that_fails_for_a_moment_is_tried_again()
    {
        var gateway = new FakeRolloutGateway()
            .ThenPoll(() => Json(HttpStatusCode.ServiceUnavailable, ""), () => Json(HttpStatusCode.BadGateway, ""))
            .ThenOperation(Operation("completed", 3, 3));
        var run = new CommandRun();

        var exitCode = await run.RunAsync(gateway, "--gateway", Gateway, "--communes", _communes);

        Assert.Equal(RolloutExitCode.Completed, exitCode);
        Assert.Equal(3, gateway.Polls);
    }

    [Fact]
    public async Task Polls_that_keep_failing_end_the_run_with_the_operation_id_to_check_later()
    {
        var gateway = new FakeRolloutGateway().ThenPoll(() => Json(HttpStatusCode.ServiceUnavailable, ""));
        var run = new CommandRun();

        var exitCode = await run.RunAsync(gateway, "--gateway", Gateway, "--communes", _communes);

        Assert.Equal(RolloutExitCode.Failed, exitCode);
        Assert.Equal(RolloutCommand.TransientFailuresTolerated + 1, gateway.Polls);
        Assert.Contains(
            "Could not follow operation ro-test1; check it later with GET /api/v1/province/rollout/operations/ro-test1",
            run.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operation_the_gateway_does_not_know_ends_the_run_at_once()
    {
        var gateway = new FakeRolloutGateway().ThenPoll(() => Problem(HttpStatusCode.NotFound, """{"title":"Không tìm thấy / Not found","status":404}"""));
        var run = new CommandRun();

        var exitCode = await run.RunAsync(gateway, "--gateway", Gateway, "--communes", _communes);

        Assert.Equal(RolloutExitCode.Failed, exitCode);
        Assert.Equal(1, gateway.Polls);
        Assert.Contains("HTTP 404: Không tìm thấy / Not found", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_stops_the_polling_and_prints_the_operation_id()
    {
        using var ctrlC = new CancellationTokenSource();
        var gateway = new FakeRolloutGateway { OnPoll = polls => { if (polls == 2) { ctrlC.Cancel(); } } }
            .ThenOperation(Operation("running", 3, 1));
        var run = new CommandRun();

        var exitCode = await run.RunAsync(gateway, ctrlC.Token, "--gateway", Gateway, "--communes", _communes);

        Assert.Equal(RolloutExitCode.Interrupted, exitCode);
        Assert.Equal(2, gateway.Polls);
        Assert.Equal(
            "Đã dừng theo dõi; thao tác ro-test1 vẫn chạy trên máy chủ, xem bằng GET /api/v1/province/rollout/operations/ro-test1 / " +
            "Stopped watching; operation ro-test1 goes on at the gateway: see GET /api/v1/province/rollout/operations/ro-test1",
            run.OutputLines[^1]);
    }

    [Fact]
    public async Task A_gateway_below_a_path_gets_the_routes_below_that_path()
    {
        var gateway = new FakeRolloutGateway().ThenOperation(Operation("completed", 3, 3));

        await new CommandRun().RunAsync(gateway, "--gateway=https://it.quangnam.example/province", "--communes", _communes);

        Assert.Equal(new Uri("https://it.quangnam.example/province/api/v1/province/rollout"), gateway.Sent[0].Uri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task Without_a_key_in_the_environment_nothing_is_sent_and_the_run_exits_2(string? key)
    {
        var gateway = new FakeRolloutGateway();
        var run = new CommandRun();
        run.Variables[RolloutCommand.KeyVariable] = key;

        var exitCode = await run.RunAsync(gateway, "--gateway", Gateway, "--communes", _communes);

        Assert.Equal(RolloutExitCode.Usage, exitCode);
        Assert.Empty(gateway.Sent);
        Assert.Contains("No API key: set the environment variable PROVINCE_API_KEY", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_communes_file_with_bad_codes_sends_nothing_and_exits_2()
    {
        var gateway = new FakeRolloutGateway();
        var run = new CommandRun();
        var communes = _files.Write("bad.csv", "code\n20527\n2053\n20527\n");

        var exitCode = await run.RunAsync(gateway, "--gateway", Gateway, "--communes", communes);

        Assert.Equal(RolloutExitCode.Usage, exitCode);
        Assert.Empty(gateway.Sent);
        Assert.Contains("Line 3: commune code \"2053\" must be five digits", run.Error, StringComparison.Ordinal);
        Assert.Contains("Line 4: commune code 20527 repeats line 2; dropped.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_codes_are_warned_about_and_sent_once()
    {
        var gateway = new FakeRolloutGateway().ThenOperation(Operation("completed", 1, 1));
        var run = new CommandRun();
        var communes = _files.Write("twice.csv", "code\n20527\n20527\n");

        var exitCode = await run.RunAsync(gateway, "--gateway", Gateway, "--communes", communes);

        Assert.Equal(RolloutExitCode.Completed, exitCode);
        Assert.Contains("repeats line 2; dropped.", run.Error, StringComparison.Ordinal);
        Assert.Equal(["20527"], gateway.Sent[0].Json().GetProperty("communeCodes").EnumerateArray().Select(code => code.GetString()));
    }

    [Fact]
    public async Task An_invalid_template_file_sends_nothing_and_exits_2()
    {
        var gateway = new FakeRolloutGateway();
        var run = new CommandRun();
        var template = _files.Write("template.json", "{ not json");

        var exitCode = await run.RunAsync(gateway, "--gateway", Gateway, "--communes", _communes, "--template", template);

        Assert.Equal(RolloutExitCode.Usage, exitCode);
        Assert.Empty(gateway.Sent);
        Assert.Contains("is not valid at line 1", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--communes", "communes.csv")]
    [InlineData("--gateway", Gateway)]
    [InlineData("--gateway", "127.0.0.1:5080", "--communes", "communes.csv")]
    [InlineData("--gateway", "ftp://127.0.0.1", "--communes", "communes.csv")]
    [InlineData("--gateway", Gateway, "--communes")]
    [InlineData("--gateway", Gateway, "--gateway", Gateway, "--communes", "communes.csv")]
    [InlineData("--gateway", Gateway, "--communes", "communes.csv", "--district", "506")]
    public async Task Wrong_arguments_print_the_usage_and_exit_2(params string[] args)
    {
        var gateway = new FakeRolloutGateway();
        var run = new CommandRun();

        var exitCode = await run.RunAsync(gateway, args);

        Assert.Equal(RolloutExitCode.Usage, exitCode);
        Assert.Empty(gateway.Sent);
        Assert.Contains("ProvincePlatform.Host rollout --gateway <url> --communes <file.csv>", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--api-key")]
    [InlineData("--api-key=pp_secret")]
    public async Task A_key_on_the_command_line_is_refused_pointing_to_the_environment_variable(string arg)
    {
        var run = new CommandRun();

        var exitCode = await run.RunAsync(new FakeRolloutGateway(), "--gateway", Gateway, "--communes", _communes, arg);

        Assert.Equal(RolloutExitCode.Usage, exitCode);
        Assert.Contains("The API key is not taken on the command line", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("pp_secret", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_the_usage_and_exits_0(string arg)
    {
        var run = new CommandRun();

        var exitCode = await run.RunAsync(new FakeRolloutGateway(), arg);

        Assert.Equal(RolloutExitCode.Completed, exitCode);
        Assert.Contains("--template <file>", run.Output, StringComparison.Ordinal);
        Assert.Contains("PROVINCE_API_KEY", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_rollout_verb_is_dispatched_to_the_command()
    {
        Assert.True(RolloutCommand.Matches(["rollout", "--help"]));
        Assert.False(RolloutCommand.Matches(["--Demo:Seed=true"]));
        Assert.False(RolloutCommand.Matches([]));
    }

    private sealed class UnreachableGateway(HttpRequestException failure) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw failure;
    }
}
