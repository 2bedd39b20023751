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
/// Malformed requests generated from docs/openapi.json against every operation, as the owner of a real workspace
/// and anonymously: wrong types, huge strings, deep JSON, invalid UTF-8, bad ids and query values, SQL and
/// header injection, lying Content-Length. No 5xx, every error a ProblemDetails without a stack trace, no write
/// accepted, and the database is byte-for-byte unchanged. Own database and API host (no worker, so nothing else
/// writes while the checksums are taken), with the per-user rate limit lifted.
/// </summary>
public class FuzzTests
{
    private const string Sql = "' or 1=1--";

    /// <summary>What a random corruption writes over one byte of a valid body: JSON structure, NUL, and a byte UTF-8 never has.</summary>
    private static readonly byte[] CorruptBytes = [.. "{}[]\":,\\\0"u8, 0xFF];

    [Test]
    public async Task Malformed_requests_to_every_route_get_4xx_problems_and_change_nothing()
    {
        await using var services = await TestEnvironment.Services.WithNewDatabaseAsync();
        await TasklaneHosts.MigrateAsync(services);
        await using var hosts = await TasklaneHosts.StartAsync(services, withWorker: false, settings: new Dictionary<string, string?>
        {
            ["RateLimiting:UserPermitsPerWindow"] = "1000000",
        });
        var ids = await SeedAsync(hosts);
        await using var db = new NpgsqlConnection(services.PostgresConnectionString);
        await db.OpenAsync();
        var before = await ChecksumAsync(db);

        var openApi = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestServices.RepoRoot(), "docs", "openapi.json")))!;
        // The short form is one fixed list; the full form draws new corruptions each run and prints the seed to replay a failure.
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TASKLANE_FUZZ_SEED"), out var fixedSeed) ? fixedSeed : FaultSuite.Count(8, Environment.TickCount);
        var random = new Random(seed);
        var requests = Generate(openApi, ids.Values, random, FaultSuite.Count(3, 60)).ToList();
        TestContext.Progress.WriteLine($"Fuzz: {requests.Count} malformed requests x 2 callers, seed {seed} (TASKLANE_FUZZ_SEED replays it; full form: TASKLANE_FAULTS=full)");

        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };
        await Parallel.ForEachAsync(requests.SelectMany(r => new[] { (r, ids.Token), (r, (string?)null) }), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (item, ct) =>
            {
                var (request, token) = item;
                int status;
                string? contentType;
                string body;
                try
                {
                    (status, contentType, body) = await SendAsync(http, hosts.BaseAddress, request, token, ct);
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
                    failures.Add($"{problem}: {request.Method} {Shorten(request.Path)} [{request.Variant}] {(token is null ? "anonymous" : "owner")} -> {status} {Shorten(body)}");
                }
            });
        var after = await ChecksumAsync(db);

        TestContext.Progress.WriteLine("Fuzz statuses (-1: connection closed on an oversized body): " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}")));
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(40)));
            Assert.That(after, Is.EqualTo(before), "rejected requests changed the database");
        });
    }

    private sealed record Seed(Dictionary<string, string> Values, string Token);

    /// <summary>One of everything a route can name, owned by one user.</summary>
    private static async Task<Seed> SeedAsync(TasklaneHosts hosts)
    {
        var owner = await ApiClient.SignUpAsync(hosts);
        var workspaceId = await owner.CreateWorkspaceAsync();
        var projectId = await owner.CreateProjectAsync(workspaceId);
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var labelId = (await owner.PostAsync($"workspaces/{workspaceId}/labels", new { name = "bug", color = "#ff0000" })).GetProperty("id").GetString()!;
        var commentId = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = "A comment" })).GetProperty("id").GetString()!;
        var invitation = await owner.PostAsync($"workspaces/{workspaceId}/invitations", new { email = "invitee@example.com", role = "member" });
        var webhookId = (await owner.PostAsync($"workspaces/{workspaceId}/webhooks",
            new { url = "http://127.0.0.1:9/hook", events = new[] { "task.created" }, secret = "0123456789abcdef0123456789abcdef" })).GetProperty("id").GetString()!;
        var tokenId = (await owner.PostAsync("me/tokens", new { name = "fuzz" })).GetProperty("id").GetString()!;
        var attachmentId = (await AttachmentTestKit.StartAsync(owner, taskId, 10)).GetProperty("attachmentId").GetString()!;
        var exportId = (await owner.PostAsync($"projects/{projectId}/exports", new { format = "json" }, HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        return new Seed(new Dictionary<string, string>
        {
            ["workspaceId"] = workspaceId.ToString(),
            ["projectId"] = projectId.ToString(),
            ["taskId"] = taskId.ToString(),
            ["labelId"] = labelId,
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
        }, owner.Token);
    }

    private sealed record FuzzRequest(string Method, string Path, string Variant, byte[]? Body = null, string? RawHead = null, bool Raw = false);

    private static IEnumerable<FuzzRequest> Generate(JsonNode openApi, Dictionary<string, string> ids, Random random, int randomPerOperation)
    {
        var schemas = openApi["components"]!["schemas"]!;
        var slowSent = 0;
        foreach (var (template, operations) in openApi["paths"]!.AsObject())
        {
            var path = template["/api/v1/".Length..];
            foreach (var (method, operationNode) in operations!.AsObject())
            {
                var operation = operationNode!;
                var verb = method.ToUpperInvariant();
                var pathParameters = Parameters(operation, "path").Select(p => p["name"]!.GetValue<string>()).ToList();
                var query = Parameters(operation, "query").ToList();
                var bodySchema = operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } s ? Resolve(s, schemas) : null;
                var real = Fill(path, pathParameters, name => ids.GetValueOrDefault(name, Guid.CreateVersion7().ToString()));

                // Bad ids, in every operation: each replaces all the ids, so no real row is ever named.
                foreach (var bad in new[] { "not-a-guid", Sql, "ünïcødé-☃", new string('9', 5000), "00000000-0000-0000-0000-00000000000g", "..%2F..%2Fetc%2Fpasswd", "%00", Guid.CreateVersion7().ToString() })
                {
                    if (pathParameters.Count > 0)
                    {
                        yield return new(verb, Fill(path, pathParameters, _ => Uri.EscapeDataString(bad).Replace("%25", "%", StringComparison.Ordinal)), $"path id {Shorten(bad, 20)}",
                            bodySchema is null ? null : "{}"u8.ToArray());
                    }
                }

                if (verb == "GET")
                {
                    foreach (var parameter in query)
                    {
                        var name = parameter["name"]!.GetValue<string>();
                        foreach (var value in new[] { "abc", "-1", "0", "99999999999999999999", "1e3", "1.5", Sql, new string('x', 4000), "%FF%FE", "eyJ4IjoxfQ", "true%00" })
                        {
                            var encoded = value.StartsWith('%') || value.EndsWith("%00", StringComparison.Ordinal) ? value : Uri.EscapeDataString(value);
                            yield return new(verb, $"{real}?{name}={encoded}", $"query {name}={Shorten(value, 20)}");
                        }

                        yield return new(verb, $"{real}?{name}=1&{name}=2", $"query {name} twice");
                    }

                    foreach (var head in BadHeaders())
                    {
                        yield return new(verb, real, $"header {Shorten(head, 30)}", RawHead: head, Raw: true);
                    }

                    continue;
                }

                if (bodySchema is null)
                {
                    // A write without a body (archive, delete, follow, logout, ...): only bad ids may be sent, or it would act.
                    continue;
                }

                // An optional body (exports) may be absent or null: those are valid requests there, so not sent.
                var bodyRequired = operation["requestBody"]?["required"]?.GetValue<bool>() ?? false;
                foreach (var (variant, body) in BadBodies(bodySchema, schemas, random, randomPerOperation).Where(b => bodyRequired || b.Variant is not ("empty body" or "JSON null")))
                {
                    yield return new(verb, real, variant, body);
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

    private static IEnumerable<(string Variant, byte[] Body)> BadBodies(JsonNode schema, JsonNode schemas, Random random, int randomCount)
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

        var properties = schema["properties"]?.AsObject().Select(p => (p.Key, Schema: Resolve(p.Value!, schemas))).ToList()
            ?? [("title", JsonNode.Parse("{}")!), ("name", JsonNode.Parse("{}")!), ("status", JsonNode.Parse("{}")!), ("taskIds", JsonNode.Parse("{}")!), ("description", JsonNode.Parse("{}")!)];
        // Named after a real property: the serializer skips unknown ones without decoding them.
        yield return ("invalid UTF-8", [.. Utf8("{\"" + properties[0].Key + "\":\""), 0xC3, 0x28, 0xFF, .. Utf8("\"}")]);

        var valid = new JsonObject();
        foreach (var (name, property) in properties)
        {
            valid[name] = Sample(property);
        }

        foreach (var (name, property) in properties)
        {
            foreach (var wrong in WrongTypes(property))
            {
                yield return ($"{name} wrong type {Shorten(wrong?.ToJsonString() ?? "null", 12)}", Utf8(With(valid, name, wrong)));
            }

            if (Types(property).Contains("string"))
            {
                yield return ($"{name} 1 MB", Utf8(With(valid, name, JsonValue.Create(new string('x', 1024 * 1024)))));
                yield return ($"{name} NUL", Utf8(With(valid, name, JsonValue.Create("a\u0000b"))));
                yield return ($"{name} invalid UTF-8", [.. Utf8("{\"" + name + "\":\""), 0xC3, 0x28, 0xA0, 0xA1, .. Utf8("\"}")]);
            }

            if (property["format"]?.GetValue<string>() is "uuid" or "date-time" || Types(property).Contains("integer"))
            {
                yield return ($"{name} SQL", Utf8(With(valid, name, JsonValue.Create(Sql))));
            }

            // Spliced in as text: JsonNode itself refuses to build anything that deep.
            yield return ($"{name} 200-deep", Utf8(With(valid, name, JsonValue.Create("__deep__"))
                .Replace("\"__deep__\"", new string('[', 200) + new string(']', 200), StringComparison.Ordinal)));
        }

        // Random corruption of a valid body: a byte changed, cut short, or a structural character doubled.
        var text = valid.ToJsonString();
        for (var i = 0; i < randomCount; i++)
        {
            var bytes = Utf8(text);
            var at = random.Next(bytes.Length);
            switch (random.Next(3))
            {
                case 0:
                    bytes[at] = CorruptBytes[random.Next(CorruptBytes.Length)];
                    break;
                case 1:
                    bytes = bytes[..Math.Max(1, at)];
                    break;
                default:
                    bytes = [.. bytes[..at], (byte)'{', (byte)'[', .. bytes[at..]];
                    break;
            }

            // A change that leaves valid JSON might leave a valid request, which would act: only broken JSON is sent.
            if (!IsJson(bytes))
            {
                yield return ($"random corruption {i}", bytes);
            }
        }
    }

    private static bool IsJson(byte[] bytes)
    {
        try
        {
            using var _ = JsonDocument.Parse(bytes);
            return true;
        }
        catch (JsonException)
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

    private static JsonNode? Sample(JsonNode property) => property["examples"]?[0]?.DeepClone() ?? (Types(property) switch
    {
        var t when t.Contains("array") => new JsonArray(),
        var t when t.Contains("boolean") => JsonValue.Create(true),
        var t when t.Contains("integer") => JsonValue.Create(1),
        var t when t.Contains("string") && property["format"]?.GetValue<string>() == "uuid" => JsonValue.Create(Guid.CreateVersion7()),
        var t when t.Contains("string") => JsonValue.Create("x"),
        _ => null,
    });

    private static HashSet<string> Types(JsonNode property) => property["type"] switch
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

    private static async Task<(int Status, string? ContentType, string Body)> SendAsync(HttpClient http, Uri baseAddress, FuzzRequest request, string? token, CancellationToken ct)
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
    private static async Task<(int Status, string? ContentType, string Body)> SendRawAsync(Uri baseAddress, FuzzRequest request, string? token, CancellationToken ct)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, ct);
        await using var stream = tcp.GetStream();
        var head = new StringBuilder()
            .Append($"{request.Method} /api/v1/{request.Path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nConnection: close\r\n");
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
        var contentType = lines.FirstOrDefault(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?[13..].Split(';')[0].Trim();
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
        var tables = await db.QueryAsync<string>("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1");
        var sums = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            sums[table] = await db.ExecuteScalarAsync<string>(
                $"select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from \"{table}\" t") ?? "";
        }

        return sums;
    }

    private static string Shorten(string text, int length = 200) =>
        text.Length <= length ? text.ReplaceLineEndings("\\n") : text[..length].ReplaceLineEndings("\\n") + $"...({text.Length} chars)";
}
