using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Features.Attachments;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Faults;

/// <summary>
/// Requests generated from docs/openapi.json against every operation, spread over two API hosts that share Redis (as
/// behind a load balancer), as the owner of a real workspace and anonymously. Malformed ones: wrong types, huge
/// strings, deep JSON, text that is not Unicode (unpaired UTF-16 surrogates, invalid and overlong UTF-8, NUL) in every
/// string field, field name and query parameter, bad ids, SQL and header injection, lying Content-Length: no 5xx,
/// every error a ProblemDetails without a stack trace, no write accepted, the database byte-for-byte unchanged.
/// Unusual but valid text (noncharacters, a BOM inside, astral characters): stored as sent or refused, never a 5xx.
/// Own database and API hosts (no worker, so nothing else writes while the checksums are taken), with the per-user
/// rate limit lifted.
/// </summary>
public class FuzzTests
{
    private const string Sql = "' or 1=1--";

    /// <summary>Where a generated body gets a value spliced in as raw bytes (text that is not text cannot go through JsonNode).</summary>
    private const string Placeholder = "__fuzz__";

    /// <summary>What a random corruption writes over one byte of a valid body: JSON structure, NUL, and a byte UTF-8 never has.</summary>
    private static readonly byte[] CorruptBytes = [.. "{}[]\":,\\\0"u8, 0xFF];

    /// <summary>JSON string contents, as sent between the quotes, that are not text: each must be refused.</summary>
    private static readonly (string Name, byte[] Json)[] NotText =
    [
        ("lone high surrogate", [.. "\\ud800"u8]),
        ("lone low surrogate", [.. "a\\udc00b"u8]),
        ("reversed surrogate pair", [.. "\\udc00\\ud800"u8]),
        ("high surrogate before a letter", [.. "\\ud800\\u0041"u8]),
        ("high surrogate at the end", [.. "abc\\ud83d"u8]),
        ("invalid UTF-8", [0xC3, 0x28]),
        ("lone continuation byte", [(byte)'a', 0x80, (byte)'b']),
        ("truncated UTF-8", [0xE2, 0x82]),
        ("overlong 2-byte /", [0xC0, 0xAF]),
        ("overlong 3-byte /", [0xE0, 0x80, 0xAF]),
        ("overlong 4-byte /", [0xF0, 0x80, 0x80, 0xAF]),
        ("UTF-8 encoded surrogate", [0xED, 0xA0, 0x80]),
        ("beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        ("bytes FE FF", [0xFE, 0xFF]),
        ("NUL", [.. "a\\u0000b"u8]),
    ];

    /// <summary>Valid but unusual text, each raw (UTF-8) and escaped (\uXXXX): stored exactly as sent, or refused.</summary>
    private static readonly (string Name, byte[] Json, string Text)[] OddText =
    [
        .. new (string Name, string Text)[]
        {
            ("noncharacter U+FFFE", "a\uFFFEb"),
            ("noncharacter U+FFFF", "a\uFFFFb"),
            ("BOM inside", "a\uFEFFb"),
            ("U+10FFFF", "a\U0010FFFFb"),
            ("emoji", "a\U0001F600b"),
            ("right-to-left override", "a\u202Eb"),
            ("line separator", "a\u2028b"),
        }.SelectMany(o =>
            new[]
            {
                (o.Name + " raw", Encoding.UTF8.GetBytes(o.Text), o.Text),
                (
                    o.Name + " escaped",
                    Encoding.ASCII.GetBytes(string.Concat(o.Text.Select(c => c < 128 ? c.ToString() : $"\\u{(int)c:x4}"))),
                    o.Text
                ),
            }
        ),
    ];

    /// <summary>Query values, percent-encoded as sent: numbers and SQL, then bytes that are not UTF-8, NUL and unusual text.</summary>
    private static readonly string[] QueryValues =
    [
        "abc",
        "-1",
        "0",
        "99999999999999999999",
        "1e3",
        "1.5",
        Uri.EscapeDataString(Sql),
        new string('x', 4000),
        "eyJ4IjoxfQ",
        "true%00",
        "%FF%FE",
        "%C3%28",
        "a%80b",
        "%E2%82",
        "%C0%AF",
        "%E0%80%AF",
        "%F0%80%80%AF",
        "%ED%A0%80",
        "%F4%90%80%80",
        "a%00b",
        "%5Cud800",
        "%5Cudc00%5Cud800",
        "a%EF%BF%BEb",
        "a%EF%BF%BFb",
        "a%EF%BB%BFb",
    ];

    private TestServices? _services;
    private TasklaneHosts? _hostA;
    private TasklaneHosts? _hostB;
    private Seed? _seed;

    private Uri[] Hosts => [_hostA!.BaseAddress, _hostB!.BaseAddress];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _services = await TestEnvironment.Services.WithNewDatabaseAsync();
        await TasklaneHosts.MigrateAsync(_services);
        var settings = new Dictionary<string, string?> { ["RateLimiting:UserPermitsPerWindow"] = "1000000" };
        _hostA = await TasklaneHosts.StartAsync(_services, withWorker: false, settings: settings);
        _hostB = await TasklaneHosts.StartAsync(_services, withWorker: false, settings: settings);
        _seed = await SeedAsync(_hostA);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var host in new[] { _hostB, _hostA })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    [Test]
    public async Task Malformed_requests_to_every_route_on_two_hosts_get_4xx_problems_and_change_nothing()
    {
        await using var db = new NpgsqlConnection(_services!.PostgresConnectionString);
        await db.OpenAsync();
        var before = await ChecksumAsync(db);

        // The short form is one fixed list; the full form draws new corruptions each run and prints the seed to replay a failure.
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TASKLANE_FUZZ_SEED"), out var fixedSeed)
            ? fixedSeed
            : FaultSuite.Count(8, Environment.TickCount);
        var requests = Generate(await OpenApiAsync(), _seed!.Values, new Random(seed), FaultSuite.Count(3, 420)).ToList();
        TestContext.Progress.WriteLine(
            $"Fuzz: {requests.Count} malformed requests x 2 callers over 2 hosts, seed {seed} (TASKLANE_FUZZ_SEED replays it; full form: TASKLANE_FAULTS=full)"
        );

        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var http = NewClient();
        // Each request as the owner and anonymously, each of the two on the other host, alternating from one request to the next.
        var sends = requests.SelectMany(
            (r, i) => new[] { (Request: r, Token: (string?)_seed.Token, Host: Hosts[i % 2]), (r, null, Hosts[(i + 1) % 2]) }
        );
        await Parallel.ForEachAsync(
            sends,
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (item, ct) =>
            {
                var (request, token, host) = item;
                int status;
                string? contentType;
                string body;
                try
                {
                    (status, contentType, body) = await SendAsync(http, host, request, token, ct);
                }
                catch (HttpRequestException) when (request.Body?.Length > Tasklane.Infrastructure.Hosting.ApiHost.MaxRequestBodyBytes)
                {
                    // Kestrel answers 413 and closes the connection while the client is still sending: the client may see only the close.
                    statuses.AddOrUpdate(-1, 1, (_, n) => n + 1);
                    return;
                }
                catch (HttpRequestException e)
                {
                    (status, contentType, body) = (0, null, e.HttpRequestError.ToString());
                }

                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (Verdict(request, status, contentType, body) is { } problem)
                {
                    failures.Add(
                        $"{problem}: {request.Method} {Shorten(request.Path)} [{request.Variant}] {(token is null ? "anonymous" : "owner")} -> {status} {Shorten(body)}"
                    );
                }
            }
        );
        var after = await ChecksumAsync(db);

        TestContext.Progress.WriteLine(
            "Fuzz statuses (-1: connection closed on an oversized body): "
                + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}"))
        );
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(40)));
            Assert.That(after, Is.EqualTo(before), "rejected requests changed the database");
        });
    }

    [Test]
    public async Task Unusual_but_valid_text_in_every_string_field_is_stored_as_sent_or_refused_never_a_5xx()
    {
        var requests = GenerateOddText(await OpenApiAsync(), _seed!.Values).ToList();
        TestContext.Progress.WriteLine($"Fuzz: {requests.Count} requests with unusual but valid text over 2 hosts");

        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var http = NewClient();
        await Parallel.ForEachAsync(
            requests.Select((r, i) => (Request: r, Host: Hosts[i % 2])),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (item, ct) =>
            {
                var (request, host) = item;
                var (status, contentType, body) = await SendAsync(http, host, request.Request, _seed.Token, ct);
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (OddTextVerdict(request, status, contentType, body) is { } problem)
                {
                    failures.Add(
                        $"{problem}: {request.Request.Method} {request.Request.Path} [{request.Request.Variant}] -> {status} {Shorten(body)}"
                    );
                }
            }
        );

        TestContext.Progress.WriteLine(
            "Unusual text statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}"))
        );
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(40)));
    }

    private static HttpClient NewClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };

    private static async Task<JsonNode> OpenApiAsync() =>
        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestServices.RepoRoot(), "docs", "openapi.json")))!;

    private sealed record Seed(Dictionary<string, string> Values, string Token);

    /// <summary>One of everything a route can name, owned by one user.</summary>
    private static async Task<Seed> SeedAsync(TasklaneHosts hosts)
    {
        var owner = await ApiClient.SignUpAsync(hosts);
        var workspaceId = await owner.CreateWorkspaceAsync();
        var projectId = await owner.CreateProjectAsync(workspaceId);
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var labelId = (await owner.PostAsync($"workspaces/{workspaceId}/labels", new { name = "bug", color = "#ff0000" }))
            .GetProperty("id")
            .GetString()!;
        var commentId = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = "A comment" })).GetProperty("id").GetString()!;
        var invitation = await owner.PostAsync(
            $"workspaces/{workspaceId}/invitations",
            new { email = "invitee@example.com", role = "member" }
        );
        var webhookId = (
            await owner.PostAsync(
                $"workspaces/{workspaceId}/webhooks",
                new
                {
                    url = "http://127.0.0.1:9/hook",
                    events = new[] { "task.created" },
                    secret = "0123456789abcdef0123456789abcdef",
                }
            )
        ).GetProperty("id").GetString()!;
        var tokenId = (await owner.PostAsync("me/tokens", new { name = "fuzz" })).GetProperty("id").GetString()!;
        var attachmentId = (await AttachmentTestKit.StartAsync(owner, taskId, 10)).GetProperty("attachmentId").GetString()!;
        var exportId = (await owner.PostAsync($"projects/{projectId}/exports", new { format = "json" }, HttpStatusCode.Accepted))
            .GetProperty("id")
            .GetString()!;
        var fieldId = (
            await owner.PostAsync(
                $"workspaces/{workspaceId}/custom-fields",
                new
                {
                    name = "Stage",
                    type = "single_select",
                    options = new[] { new { name = "a" } },
                }
            )
        ).GetProperty("id").GetString()!;
        return new Seed(
            new Dictionary<string, string>
            {
                ["workspaceId"] = workspaceId.ToString(),
                ["projectId"] = projectId.ToString(),
                ["taskId"] = taskId.ToString(),
                ["labelId"] = labelId,
                ["statusId"] = (await owner.GetAsync($"projects/{projectId}/statuses"))
                    .GetProperty("items")[0]
                    .GetProperty("id")
                    .GetString()!,
                ["commentId"] = commentId,
                ["invitationId"] = invitation.GetProperty("invitationId").GetString()!,
                ["token"] = invitation.GetProperty("token").GetString()!,
                ["webhookId"] = webhookId,
                ["deliveryId"] = Guid.CreateVersion7().ToString(),
                ["tokenId"] = tokenId,
                ["attachmentId"] = attachmentId,
                ["exportId"] = exportId,
                ["notificationId"] = Guid.CreateVersion7().ToString(),
                ["userId"] = owner.UserId.ToString(),
                ["fieldId"] = fieldId,
            },
            owner.Token
        );
    }

    private sealed record FuzzRequest(
        string Method,
        string Path,
        string Variant,
        byte[]? Body = null,
        string? RawHead = null,
        bool Raw = false
    );

    /// <summary>An operation of the document with a JSON body: its properties (with their schemas) and a body it would accept.</summary>
    private sealed record Operation(
        string Method,
        string Path,
        string RealPath,
        bool BodyRequired,
        IReadOnlyList<(string Name, JsonNode Schema)> Properties,
        JsonObject Valid
    );

    /// <summary>
    /// Every operation of the document; those with a JSON body also as an <see cref="Operation"/>.
    /// </summary>
    private static IEnumerable<(string Method, string Path, string Real, JsonNode Node, Operation? Body)> Operations(
        JsonNode openApi,
        Dictionary<string, string> ids
    )
    {
        var schemas = openApi["components"]!["schemas"]!;
        foreach (var (template, operations) in openApi["paths"]!.AsObject())
        {
            var path = template["/api/v1/".Length..];
            foreach (var (method, operationNode) in operations!.AsObject())
            {
                var operation = operationNode!;
                var verb = method.ToUpperInvariant();
                var real = Fill(
                    path,
                    Parameters(operation, "path").Select(p => p["name"]!.GetValue<string>()),
                    name => ids.GetValueOrDefault(name, Guid.CreateVersion7().ToString())
                );
                Operation? body = null;
                if (operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema)
                {
                    var required = operation["requestBody"]?["required"]?.GetValue<bool>() ?? false;
                    if (schema["$ref"]?.GetValue<string>() == "#/components/schemas/JsonElement")
                    {
                        throw new AssertionException(
                            $"{verb} {path} takes a bare JsonElement, whose fields nothing would fuzz: give it a typed body."
                        );
                    }

                    var properties = Resolve(schema, schemas)["properties"]!
                        .AsObject()
                        .Select(p => (p.Key, Resolve(p.Value!, schemas)))
                        .ToList();
                    var valid = new JsonObject();
                    foreach (var (name, property) in properties)
                    {
                        valid[name] = Sample(property);
                    }

                    body = new Operation(verb, path, real, required, properties, valid);
                }

                yield return (verb, path, real, operation, body);
            }
        }
    }

    private static IEnumerable<FuzzRequest> Generate(
        JsonNode openApi,
        Dictionary<string, string> ids,
        Random random,
        int randomPerOperation
    )
    {
        var slowSent = 0;
        var notText = new Rotation();
        var queryValues = new Rotation();
        foreach (var (verb, path, real, operation, body) in Operations(openApi, ids))
        {
            var pathParameters = Parameters(operation, "path").Select(p => p["name"]!.GetValue<string>()).ToList();

            // Bad ids, in every operation: each replaces all the ids, so no real row is ever named.
            foreach (
                var bad in new[]
                {
                    "not-a-guid",
                    Sql,
                    "ünïcødé-☃",
                    new string('9', 5000),
                    "00000000-0000-0000-0000-00000000000g",
                    "..%2F..%2Fetc%2Fpasswd",
                    "%00",
                    "%ED%A0%80",
                    "%C0%AF",
                    "a%EF%BF%BEb",
                    "%5Cud800",
                    Guid.CreateVersion7().ToString(),
                }
            )
            {
                if (pathParameters.Count > 0)
                {
                    yield return new(
                        verb,
                        Fill(path, pathParameters, _ => Uri.EscapeDataString(bad).Replace("%25", "%", StringComparison.Ordinal)),
                        $"path id {Shorten(bad, 20)}",
                        body is null ? null : "{}"u8.ToArray()
                    );
                }
            }

            if (verb == "GET")
            {
                var names = Parameters(operation, "query").Select(p => p["name"]!.GetValue<string>());
                foreach (var name in names)
                {
                    foreach (var value in queryValues.Pick(QueryValues, 5))
                    {
                        yield return new(verb, $"{real}?{name}={value}", $"query {name}={Shorten(value, 20)}");
                    }

                    yield return new(verb, $"{real}?{name}=1&{name}=2", $"query {name} twice");
                    // Bytes that are not UTF-8, not percent-encoded: HttpClient would encode them, so these go over a plain socket.
                    yield return new(
                        verb,
                        $"{real}?{name}=\u00ED\u00A0\u0080\u00C3\u0028",
                        $"query {name} raw bytes",
                        RawHead: "",
                        Raw: true
                    );
                }

                foreach (var head in BadHeaders())
                {
                    yield return new(verb, real, $"header {Shorten(head, 30)}", RawHead: head, Raw: true);
                }

                continue;
            }

            if (body is null)
            {
                // A write without a body (archive, delete, follow, logout, ...): only bad ids may be sent, or it would act.
                continue;
            }

            // An optional body (exports) may be absent or null: those are valid requests there, so not sent.
            foreach (
                var (variant, bytes) in BadBodies(body, random, randomPerOperation, notText)
                    .Where(b => body.BodyRequired || b.Variant is not ("empty body" or "JSON null"))
            )
            {
                yield return new(verb, real, variant, bytes);
            }

            // Headers only alongside a broken body: a good body with an ignored header would be a real write.
            foreach (var head in BadHeaders())
            {
                yield return new(verb, real, $"header {Shorten(head, 30)} + broken body", "{\"x\":"u8.ToArray(), head, Raw: true);
            }

            yield return new(verb, real, "Content-Length 10 GB", "{}"u8.ToArray(), "Content-Length: 10000000000\r\n", Raw: true);
            // Kestrel waits a few seconds for the missing bytes: the short form tries this on a few routes only.
            if (FaultSuite.Full || ++slowSent <= 3)
            {
                yield return new(verb, real, "Content-Length longer than the body", "{}"u8.ToArray(), "Content-Length: 50\r\n", Raw: true);
            }
        }
    }

    private sealed record OddTextRequest(FuzzRequest Request, string Field, string Text);

    /// <summary>Every string field of every body set to unusual but valid text.</summary>
    private static IEnumerable<OddTextRequest> GenerateOddText(JsonNode openApi, Dictionary<string, string> ids)
    {
        var odd = new Rotation();
        foreach (var (_, _, _, _, body) in Operations(openApi, ids))
        {
            if (body is null)
            {
                continue;
            }

            foreach (var (name, property) in body.Properties)
            {
                if (!Types(property).Contains("string"))
                {
                    continue;
                }

                foreach (var (variant, json, text) in odd.Pick(OddText, 2))
                {
                    yield return new(new(body.Method, body.RealPath, $"{name} {variant}", WithText(body.Valid, name, json)), name, text);
                }
            }
        }
    }

    /// <summary>
    /// Null when the answer is acceptable: no 5xx, a refusal is ProblemDetails, and what is echoed back is what was sent.
    /// </summary>
    private static string? OddTextVerdict(OddTextRequest request, int status, string? contentType, string body)
    {
        if (status >= 500 || status == 0)
        {
            return "server error or no answer";
        }

        if (status >= 400)
        {
            return contentType == "application/problem+json" ? null : $"not ProblemDetails ({contentType ?? "no content type"})";
        }

        using var answer = JsonDocument.Parse(body.Length == 0 ? "null" : body);
        return
            answer.RootElement.ValueKind == JsonValueKind.Object
            && answer.RootElement.TryGetProperty(request.Field, out var echoed)
            && echoed.ValueKind == JsonValueKind.String
            && echoed.GetString() != request.Text
            ? $"stored as {Shorten(echoed.GetRawText(), 40)}"
            : null;
    }

    /// <summary>
    /// All of a list in the full form; in the short form a few of them, the next few at each call, so that across a
    /// run's many fields and parameters every entry is still sent.
    /// </summary>
    private sealed class Rotation
    {
        private int _next;

        public IReadOnlyList<T> Pick<T>(IReadOnlyList<T> all, int shortForm)
        {
            if (FaultSuite.Full || shortForm >= all.Count)
            {
                return all;
            }

            var picked = Enumerable.Range(_next, shortForm).Select(i => all[i % all.Count]).ToList();
            _next += shortForm;
            return picked;
        }
    }

    private static IEnumerable<string> BadHeaders() =>
        [
            "If-Match: \"1\"\r\nX-Injected: yes\r\n",
            "If-Match: \"1\r\n\r\nGET /api/v1/me HTTP/1.1\r\n",
            "If-Match: " + Sql + "\r\n",
            "If-Match: \"" + new string('9', 400) + "\"\r\n",
            "Idempotency-Key: a\r\nSet-Cookie: evil=1\r\n",
            "Idempotency-Key: " + new string('k', 6000) + "\r\n",
            "Idempotency-Key: \u00ff\u00fe" + Sql + "\r\n",
            "Authorization: Bearer " + new string('A', 6000) + "\r\n",
            "Authorization: Bearer " + Sql + "\r\n",
            "Authorization: Basic Zm9vOmJhcg==\r\n",
            "Authorization: \r\n",
            "Authorization: Bearer\r\n",
            "Accept: application/problem+json;q=\u00ff\r\n",
        ];

    private static IEnumerable<(string Variant, byte[] Body)> BadBodies(Operation body, Random random, int randomCount, Rotation notText)
    {
        static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        yield return ("empty body", []);
        yield return ("not JSON", Utf8("title=x&name=y"));
        yield return ("truncated JSON", Utf8("{\"a\":"));
        yield return ("JSON null", Utf8("null"));
        yield return ("JSON number", Utf8("12345"));
        yield return ("JSON string", Utf8("\"" + Sql + "\""));
        yield return ("200-deep arrays", Utf8(new string('[', 200) + new string(']', 200)));
        yield return ("200-deep objects", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)));
        yield return ("1 MB string", Utf8("\"" + new string('x', 1024 * 1024) + "\""));
        yield return ("BOM and garbage", [0xEF, 0xBB, 0xBF, 0xFE, 0xFF, 0x00, 0x7B]);

        var valid = body.Valid;
        // NUL is text, only not storable: an unknown field named with it is skipped, which would leave a valid request.
        foreach (var (name, json) in notText.Pick(NotText.Where(t => t.Name != "NUL").ToList(), 2))
        {
            yield return ($"field name {name}", WithName(valid, json));
        }

        foreach (var (name, property) in body.Properties)
        {
            var types = Types(property);
            foreach (var wrong in WrongTypes(property))
            {
                yield return ($"{name} wrong type {Shorten(wrong?.ToJsonString() ?? "null", 12)}", Utf8(With(valid, name, wrong)));
            }

            if (types.Contains("string"))
            {
                yield return ($"{name} 1 MB", Utf8(With(valid, name, JsonValue.Create(new string('x', 1024 * 1024)))));
                foreach (var (variant, json) in notText.Pick(NotText, 2))
                {
                    yield return ($"{name} {variant}", WithText(valid, name, json));
                }
            }

            if (types.Contains("array"))
            {
                foreach (var (variant, json) in notText.Pick(NotText, 1))
                {
                    yield return ($"{name} item {variant}", WithText(valid, name, json, inArray: true));
                }
            }

            if (property["format"]?.GetValue<string>() is "uuid" or "date-time" || types.Contains("integer"))
            {
                yield return ($"{name} SQL", Utf8(With(valid, name, JsonValue.Create(Sql))));
            }

            // Spliced in as text: JsonNode itself refuses to build anything that deep.
            yield return (
                $"{name} 200-deep",
                Splice(
                    Utf8(With(valid, name, JsonValue.Create(Placeholder))),
                    Utf8($"\"{Placeholder}\""),
                    Utf8(new string('[', 200) + new string(']', 200))
                )
            );
        }

        // Random corruption of a valid body: a byte changed, cut short, a structural character doubled, or bytes that are
        // not text spliced in anywhere.
        var text = Utf8(valid.ToJsonString());
        for (var i = 0; i < randomCount; i++)
        {
            var bytes = (byte[])text.Clone();
            var at = random.Next(bytes.Length);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = CorruptBytes[random.Next(CorruptBytes.Length)];
                    break;
                case 1:
                    bytes = bytes[..Math.Max(1, at)];
                    break;
                case 2:
                    bytes = [.. bytes[..at], (byte)'{', (byte)'[', .. bytes[at..]];
                    break;
                default:
                    bytes = [.. bytes[..at], .. NotText[random.Next(NotText.Length)].Json, .. bytes[at..]];
                    break;
            }

            // A change that leaves readable JSON might leave a valid request, which would act: only unreadable bodies are sent.
            if (!IsReadableJson(bytes))
            {
                yield return ($"random corruption {i}", bytes);
            }
        }
    }

    /// <summary>
    /// <paramref name="valid"/> with field <paramref name="name"/> set to a string of the raw JSON <paramref name="json"/> (or an array of
    /// one).
    /// </summary>
    private static byte[] WithText(JsonObject valid, string name, byte[] json, bool inArray = false)
    {
        var quoted = Encoding.UTF8.GetBytes($"\"{Placeholder}\"");
        byte[] value = [(byte)'"', .. json, (byte)'"'];
        return Splice(
            Encoding.UTF8.GetBytes(With(valid, name, JsonValue.Create(Placeholder))),
            quoted,
            inArray ? [(byte)'[', .. value, (byte)']'] : value
        );
    }

    /// <summary><paramref name="valid"/> with one more field, named by the raw JSON <paramref name="json"/>.</summary>
    private static byte[] WithName(JsonObject valid, byte[] json) =>
        Splice(Encoding.UTF8.GetBytes(With(valid, Placeholder, JsonValue.Create(1))), Encoding.UTF8.GetBytes(Placeholder), json);

    private static byte[] Splice(byte[] bytes, byte[] find, byte[] replacement)
    {
        var at = bytes.AsSpan().IndexOf(find);
        return [.. bytes[..at], .. replacement, .. bytes[(at + find.Length)..]];
    }

    /// <summary>Whether the bytes parse as JSON whose every name and string decodes: what a server could take as a request.</summary>
    private static bool IsReadableJson(byte[] bytes)
    {
        static void ReadAll(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        ReadAll(item);
                    }

                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        ReadAll(property.Value);
                    }

                    break;
            }
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            ReadAll(document.RootElement);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Values no deserializer may accept for the property's declared type.</summary>
    private static IEnumerable<JsonNode?> WrongTypes(JsonNode property)
    {
        var types = Types(property);
        if (!types.Contains("string"))
        {
            yield return JsonValue.Create(Sql);
        }

        if (!types.Contains("integer") && !types.Contains("number"))
        {
            yield return JsonValue.Create(12345);
        }

        if (!types.Contains("boolean"))
        {
            yield return JsonValue.Create(true);
        }

        if (!types.Contains("array"))
        {
            yield return new JsonArray(JsonValue.Create(1), new JsonArray());
        }

        if (!types.Contains("object") && types.Count > 0)
        {
            yield return new JsonObject { ["$ne"] = 1 };
        }

        if (types.Contains("integer"))
        {
            yield return JsonValue.Create(1e300);
        }
    }

    private static JsonNode? Sample(JsonNode property) =>
        property["examples"]?[0]?.DeepClone()
        ?? (
            Types(property) switch
            {
                var t when t.Contains("array") => new JsonArray(),
                var t when t.Contains("boolean") => JsonValue.Create(true),
                var t when t.Contains("integer") => JsonValue.Create(1),
                var t when t.Contains("string") && property["format"]?.GetValue<string>() == "uuid" => JsonValue.Create(
                    Guid.CreateVersion7()
                ),
                var t when t.Contains("string") => JsonValue.Create("x"),
                _ => null,
            }
        );

    private static HashSet<string> Types(JsonNode property) =>
        property["type"] switch
        {
            JsonArray many => many.Select(t => t!.GetValue<string>()).ToHashSet(),
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };

    private static string With(JsonObject valid, string name, JsonNode? value)
    {
        var copy = (JsonObject)valid.DeepClone();
        copy[name] = value?.DeepClone();
        return copy.ToJsonString();
    }

    private static JsonNode Resolve(JsonNode schema, JsonNode schemas) =>
        schema["$ref"]?.GetValue<string>() is { } reference ? schemas[reference.Split('/')[^1]]! : schema;

    private static IEnumerable<JsonNode> Parameters(JsonNode operation, string location) =>
        (operation["parameters"]?.AsArray() ?? []).Select(p => p!).Where(p => p["in"]!.GetValue<string>() == location);

    private static string Fill(string path, IEnumerable<string> names, Func<string, string> value) =>
        names.Aggregate(path, (p, name) => p.Replace("{" + name + "}", value(name), StringComparison.Ordinal));

    private static async Task<(int Status, string? ContentType, string Body)> SendAsync(
        HttpClient http,
        Uri baseAddress,
        FuzzRequest request,
        string? token,
        CancellationToken ct
    )
    {
        if (request.Raw)
        {
            return await SendRawAsync(baseAddress, request, token, ct);
        }

        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(baseAddress, "/api/v1/" + request.Path));
        // Kestrel closes a connection after some bad requests (an oversized body); a request must not race that close.
        message.Headers.ConnectionClose = true;
        if (token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await http.SendAsync(message, ct);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>HttpClient refuses CR/LF in headers and a Content-Length that lies, so these go over a plain socket.</summary>
    private static async Task<(int Status, string? ContentType, string Body)> SendRawAsync(
        Uri baseAddress,
        FuzzRequest request,
        string? token,
        CancellationToken ct
    )
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, ct);
        await using var stream = tcp.GetStream();
        var head = new StringBuilder().Append(
            $"{request.Method} /api/v1/{request.Path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nConnection: close\r\n"
        );
        if (token is not null && !request.RawHead!.StartsWith("Authorization", StringComparison.Ordinal))
        {
            head.Append($"Authorization: Bearer {token}\r\n");
        }

        if (request.Body is not null)
        {
            head.Append("Content-Type: application/json\r\n");
            if (!request.RawHead!.StartsWith("Content-Length", StringComparison.Ordinal))
            {
                head.Append($"Content-Length: {request.Body.Length}\r\n");
            }
        }

        head.Append(request.RawHead).Append("\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), ct);
        if (request.Body is not null)
        {
            await stream.WriteAsync(request.Body, ct);
        }

        // A server waiting for the rest of a lying Content-Length must give up by itself; the client stops waiting after 30 s.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var reader = new MemoryStream();
        try
        {
            await stream.CopyToAsync(reader, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && reader.Length > 0)
        {
            // Kestrel may reset the connection after answering; what arrived is the answer.
        }

        var text = Encoding.UTF8.GetString(reader.ToArray());
        var separator = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = separator < 0 ? text : text[..separator];
        var lines = headers.Split("\r\n");
        var status = lines[0].Split(' ') is [_, var code, ..] && int.TryParse(code, out var parsed) ? parsed : 0;
        var contentType = lines
            .FirstOrDefault(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))
            ?[13..].Split(';')[0]
            .Trim();
        var body = separator < 0 ? "" : text[(separator + 4)..];
        if (lines.Any(l => l.StartsWith("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Dechunk(body);
        }

        return (status, contentType, body);
    }

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var at = 0;
        while (at < body.Length)
        {
            var end = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (end < 0 || !int.TryParse(body[at..end], System.Globalization.NumberStyles.HexNumber, null, out var size) || size == 0)
            {
                break;
            }

            result.Append(body, end + 2, Math.Min(size, body.Length - end - 2));
            at = end + 2 + size + 2;
        }

        return result.ToString();
    }

    /// <summary>Null when the answer is acceptable for a malformed request.</summary>
    private static string? Verdict(FuzzRequest request, int status, string? contentType, string body)
    {
        if (status == 0)
        {
            return "no HTTP answer";
        }

        if (status >= 500)
        {
            return "server error";
        }

        if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal))
        {
            return "stack trace or exception type leaked";
        }

        if (status < 400)
        {
            // A read may ignore what it does not understand; a write must not act on a malformed request.
            return request.Method == "GET" ? null : "malformed write accepted";
        }

        // Kestrel answers some malformed requests itself, before the app, with no body: a NUL in the path, an oversized
        // URL or header, a lying Content-Length.
        if (body.Length == 0 && status is 400 or 413 or 414 or 431)
        {
            return null;
        }

        return contentType == "application/problem+json" ? null : $"not ProblemDetails ({contentType ?? "no content type"})";
    }

    /// <summary>Row count and md5 of every row of every table in the public schema.</summary>
    private static async Task<Dictionary<string, string>> ChecksumAsync(NpgsqlConnection db)
    {
        var tables = await db.QueryAsync<string>(
            "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1"
        );
        var sums = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            sums[table] =
                await db.ExecuteScalarAsync<string>(
                    $"select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from \"{table}\" t"
                ) ?? "";
        }

        return sums;
    }

    private static string Shorten(string text, int length = 200) =>
        text.Length <= length ? text.ReplaceLineEndings("\\n") : text[..length].ReplaceLineEndings("\\n") + $"...({text.Length} chars)";
}
