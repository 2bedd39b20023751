using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tasklane.Cli;

/// <summary>
/// <c>tasklane export PROJECT --format json|csv [-o FILE]</c>: starts an export job (202 + Location), polls it
/// with a progress bar until it succeeds or fails, then downloads the file. The export routes are newer than
/// the generated client, so this command speaks HTTP directly (same token, same error handling).
/// </summary>
public static class Export
{
    public static Command Command(CliEnvironment env)
    {
        var project = new Argument<Guid>("project") { Description = "Project id." };
        var format = new Option<string>("--format", "-f") { Description = "json or csv.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv");
        var output = new Option<string?>("--output", "-o") { Description = "File to write (default: <project>.<format>; - for stdout)." };
        var timeout = new Option<int>("--timeout") { Description = "Give up after this many seconds.", DefaultValueFactory = _ => 600 };
        var command = new Command("export", "Export a project's tasks and wait for the file (progress bar), then download it.") { project, format, output, timeout };
        command.SetAction(async (parsed, ct) =>
        {
            var session = Session.Open(parsed, env);
            using var http = session.Http();
            var projectId = parsed.GetValue(project);
            var kind = parsed.GetValue(format)!;

            using var started = await http.PostAsJsonAsync($"projects/{projectId}/exports", new { format = kind }, ct);
            await EnsureAsync(started, ct);
            var status = started.Headers.Location ?? throw new CliException(ExitCodes.ApiError, "the server started the export but sent no Location.");
            var statusUrl = new Uri(session.Server, status);

            var deadline = DateTime.UtcNow.AddSeconds(parsed.GetValue(timeout));
            JsonElement job = default;
            await Transfer.WithProgressAsync(env, $"Exporting {projectId}", 1.0, async progress =>
            {
                while (true)
                {
                    using var poll = await http.GetAsync(statusUrl, ct);
                    await EnsureAsync(poll, ct);
                    job = await poll.Content.ReadFromJsonAsync<JsonElement>(ct);
                    var state = job.TryGetProperty("status", out var s) ? s.GetString() : null;
                    if (job.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Number)
                    {
                        progress.Report(p.GetDouble());
                    }

                    if (state is "succeeded")
                    {
                        return;
                    }

                    if (state is "failed")
                    {
                        var reason = job.TryGetProperty("error", out var e) ? e.ToString() : "no reason given";
                        throw new CliException(ExitCodes.ApiError, $"the export failed: {reason}");
                    }

                    if (DateTime.UtcNow > deadline)
                    {
                        throw new CliException(ExitCodes.ApiError, $"the export is still {state} after {parsed.GetValue(timeout)} s; its status is at {statusUrl}.");
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
                }
            }, bytes: false);

            var download = job.TryGetProperty("downloadUrl", out var d) && d.GetString() is { Length: > 0 } url
                ? new Uri(session.Server, url)
                : throw new CliException(ExitCodes.ApiError, "the export succeeded but has no downloadUrl.");
            // The token goes only to the API's own origin; a presigned store URL carries its own signature.
            using var fetch = new HttpRequestMessage(HttpMethod.Get, download);
            using var plain = new HttpClient();
            using var file = download.GetLeftPart(UriPartial.Authority) == session.Server.GetLeftPart(UriPartial.Authority)
                ? await http.SendAsync(fetch, HttpCompletionOption.ResponseHeadersRead, ct)
                : await plain.SendAsync(fetch, HttpCompletionOption.ResponseHeadersRead, ct);
            await EnsureAsync(file, ct);

            var target = parsed.GetValue(output) ?? $"{projectId}.{kind}";
            if (target == "-")
            {
                await using var body = await file.Content.ReadAsStreamAsync(ct);
                using var reader = new StreamReader(body);
                await env.Output.WriteAsync(await reader.ReadToEndAsync(ct));
                return ExitCodes.Ok;
            }

            await using (var destination = File.Create(target))
            {
                await file.Content.CopyToAsync(destination, ct);
            }

            var size = new FileInfo(target).Length;
            await env.Output.WriteLineAsync(session.Json
                ? JsonSerializer.Serialize(new { file = Path.GetFullPath(target), size, format = kind, status = statusUrl.ToString() })
                : $"Wrote {size} bytes to {target}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Turns a non-success answer into the CLI's problem message and exit code (401 → 3).</summary>
    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(ct);
        var message = $"HTTP {(int)response.StatusCode}";
        try
        {
            var problem = JsonDocument.Parse(text).RootElement;
            message = problem.TryGetProperty("title", out var title) ? title.GetString() ?? message : message;
            if (problem.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } more)
            {
                message += $": {more}";
            }
        }
        catch (JsonException)
        {
            // Not a problem document (e.g. a proxy's page): the status line is all we have.
        }

        throw new CliException(response.StatusCode == HttpStatusCode.Unauthorized ? ExitCodes.NotLoggedIn : ExitCodes.ApiError, message);
    }
}
