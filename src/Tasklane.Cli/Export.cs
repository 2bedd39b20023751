using System.CommandLine;
using System.Net;
using System.Text.Json;
using Tasklane.Client.Models;

namespace Tasklane.Cli;

/// <summary>
/// <c>tasklane export PROJECT --format json|csv [-o FILE]</c>: starts an export job (202 + Location), polls it
/// with a progress bar until it succeeds or fails, then downloads the file from its presigned URL.
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
        var command = new Command("export", "Export a project's tasks and wait for the file (progress bar), then download it.")
        {
            project,
            format,
            output,
            timeout,
        };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var client = session.Client();
                var projectId = parsed.GetValue(project);
                var kind = parsed.GetValue(format)!;

                var job =
                    await client
                        .Api.V1.Projects[projectId]
                        .Exports.PostAsync(new CreateExportRequest { Format = kind }, cancellationToken: ct)
                    ?? throw new CliException(ExitCodes.ApiError, "the server started no export.");
                var exportId = job.Id ?? throw new CliException(ExitCodes.ApiError, "the server answered an export without an id.");
                var statusUrl = new Uri(session.Server, $"/api/v1/exports/{exportId}");

                var deadline = DateTime.UtcNow.AddSeconds(parsed.GetValue(timeout));
                await Transfer.WithProgressAsync(
                    env,
                    $"Exporting {projectId}",
                    1.0,
                    async progress =>
                    {
                        while (true)
                        {
                            job =
                                await client.Api.V1.Exports[exportId].GetAsync(cancellationToken: ct)
                                ?? throw new CliException(ExitCodes.ApiError, "the server answered the export's status with nothing.");
                            progress.Report(job.Progress ?? 0);
                            switch (job.Status)
                            {
                                case "succeeded":
                                    return;
                                case "failed" or "expired":
                                    throw new CliException(
                                        ExitCodes.ApiError,
                                        $"the export {job.Status}: {job.Error ?? "no reason given"}"
                                    );
                            }

                            if (DateTime.UtcNow > deadline)
                            {
                                throw new CliException(
                                    ExitCodes.ApiError,
                                    $"the export is still {job.Status} after {parsed.GetValue(timeout)} s; its status is at {statusUrl}."
                                );
                            }

                            await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
                        }
                    },
                    bytes: false
                );

                var download = job.DownloadUrl is { Length: > 0 } url
                    ? new Uri(session.Server, url)
                    : throw new CliException(ExitCodes.ApiError, "the export succeeded but has no downloadUrl.");
                // A presigned store URL carries its own signature: the API token is not sent along.
                using var plain = new HttpClient();
                using var file = await plain.GetAsync(download, HttpCompletionOption.ResponseHeadersRead, ct);
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
                await env.Output.WriteLineAsync(
                    session.Json
                        ? JsonSerializer.Serialize(
                            new
                            {
                                file = Path.GetFullPath(target),
                                size,
                                format = kind,
                                status = statusUrl.ToString(),
                            }
                        )
                        : $"Wrote {size} bytes to {target}."
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    /// <summary>Turns a failed download into the CLI's message (the store answers XML or problem JSON).</summary>
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
