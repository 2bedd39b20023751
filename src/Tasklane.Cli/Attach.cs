using System.CommandLine;
using System.Net;
using Spectre.Console;
using Tasklane.Client.Models;

namespace Tasklane.Cli;

/// <summary>
/// <c>tasklane attach TASK FILE</c>: the API hands out a presigned URL, the file goes straight to the object
/// store (the API never streams it), then the API checks the stored size and makes the attachment visible.
/// </summary>
public static class Attach
{
    public static Command Command(CliEnvironment env)
    {
        var task = new Argument<Guid>("task") { Description = "Task id." };
        var file = new Argument<FileInfo>("file") { Description = "File to upload." };
        var contentType = new Option<string?>("--content-type") { Description = "MIME type (default: from the file extension)." };
        var command = new Command("attach", "Upload a file to a task (presigned upload with a progress bar).") { task, file, contentType };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var client = session.Client();
                var path = parsed.GetValue(file)!;
                if (!path.Exists)
                {
                    throw new CliException(ExitCodes.Usage, $"no such file: {path.FullName}");
                }

                var upload = await client
                    .Api.V1.Tasks[parsed.GetValue(task)]
                    .Attachments.PostAsync(
                        new CreateAttachmentRequest
                        {
                            FileName = path.Name,
                            ContentType = parsed.GetValue(contentType) ?? ContentTypes.For(path.Name),
                            Size = path.Length,
                        },
                        cancellationToken: ct
                    );

                await Transfer.UploadAsync(env, path, upload!.UploadMethod, upload.UploadUrl, upload.UploadHeaders?.AdditionalData, ct);

                var done = await client.Api.V1.Attachments[upload!.AttachmentId!.Value].Complete.PostAsync(cancellationToken: ct);
                await Output.ItemAsync(
                    session,
                    done!,
                    ("Id", done!.Id.ToString()),
                    ("File", done.FileName),
                    ("Type", done.ContentType),
                    ("Size", done.Size?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("Status", done.Status)
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }
}

/// <summary>A progress bar on stderr, so stdout stays clean for --json and pipes.</summary>
public static class Transfer
{
    /// <summary>Sends the file to a presigned object-store URL with the headers the API gave, under a progress bar.</summary>
    public static Task UploadAsync(
        CliEnvironment env,
        FileInfo path,
        string? method,
        string? url,
        IDictionary<string, object>? headers,
        CancellationToken ct
    ) =>
        WithProgressAsync(
            env,
            $"Uploading {path.Name}",
            path.Length,
            async progress =>
            {
                // No bearer token here: the URL carries its own signature, and the store would reject a second scheme.
                using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
                await using var stream = path.OpenRead();
                using var request = new HttpRequestMessage(new HttpMethod(method ?? "PUT"), url)
                {
                    Content = new ProgressContent(stream, path.Length, progress),
                };
                foreach (var (name, value) in headers ?? new Dictionary<string, object>())
                {
                    if (!request.Headers.TryAddWithoutValidation(name, value.ToString()))
                    {
                        request.Content.Headers.TryAddWithoutValidation(name, value.ToString());
                    }
                }

                using var response = await http.SendAsync(request, ct);
                if (!response.IsSuccessStatusCode)
                {
                    throw new CliException(
                        ExitCodes.ApiError,
                        $"the object store refused the upload: {(int)response.StatusCode} {response.ReasonPhrase}"
                    );
                }
            }
        );

    /// <summary>
    /// Runs <paramref name="work"/> with a bar of <paramref name="total"/> units: bytes (with speed and time left) or, without
    /// <paramref name="bytes"/>, a fraction.
    /// </summary>
    public static async Task WithProgressAsync(
        CliEnvironment env,
        string description,
        double total,
        Func<IProgress<double>, Task> work,
        bool bytes = true
    )
    {
        if (!env.Interactive)
        {
            // Logs and pipes get one line when done instead of a redrawn bar.
            var started = DateTime.UtcNow;
            await work(new Progress<double>(_ => { }));
            await env.Error.WriteLineAsync($"{description}: done in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
            return;
        }

        var console = AnsiConsole.Create(
            new AnsiConsoleSettings { Out = new AnsiConsoleOutput(env.Error), Interactive = InteractionSupport.Yes }
        );
        await console
            .Progress()
            .Columns(
                bytes
                    ?
                    [
                        new TaskDescriptionColumn(),
                        new ProgressBarColumn(),
                        new PercentageColumn(),
                        new TransferSpeedColumn(),
                        new RemainingTimeColumn(),
                    ]
                    : [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn()]
            )
            .StartAsync(async context =>
            {
                var bar = context.AddTask(description, maxValue: Math.Max(total, 1));
                await work(new Progress<double>(value => bar.Value = value));
                bar.Value = bar.MaxValue;
            });
    }
}

/// <summary>Streams a file as a request body, reporting bytes sent; a fixed length, because presigned PUTs refuse chunked bodies.</summary>
public sealed class ProgressContent(Stream source, long length, IProgress<double> progress) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var buffer = new byte[81920];
        long sent = 0;
        int read;
        while ((read = await source.ReadAsync(buffer)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read));
            sent += read;
            progress.Report(sent);
        }
    }

    protected override bool TryComputeLength(out long length1)
    {
        length1 = length;
        return true;
    }
}

public static class ContentTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text/plain",
        [".md"] = "text/markdown",
        [".csv"] = "text/csv",
        [".json"] = "application/json",
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".svg"] = "image/svg+xml",
        [".zip"] = "application/zip",
        [".html"] = "text/html",
        [".webp"] = "image/webp",
        [".doc"] = "application/msword",
        [".xls"] = "application/vnd.ms-excel",
        [".ppt"] = "application/vnd.ms-powerpoint",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
    };

    public static string For(string fileName) => ByExtension.GetValueOrDefault(Path.GetExtension(fileName), "application/octet-stream");
}
