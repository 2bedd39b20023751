using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using Microsoft.Kiota.Abstractions;
using Tasklane.Client;
using Tasklane.Client.Models;

namespace Tasklane.Web.Services;

/// <summary>
/// Attachments go between the browser and the object store through presigned URLs: upload = start (API) → PUT the bytes to
/// the store → complete (API); download = the API's redirect to a presigned GET, which the browser follows. The PUT is the
/// app's only HTTP call that is not the API's: it uses its own HttpClient, so the session's token never reaches the store.
/// </summary>
public sealed class ObjectStore(TasklaneApiClient api, IRequestAdapter adapter, IJSRuntime js) : IDisposable
{
    private readonly HttpClient _store = new();

    public async Task UploadAsync(Guid taskId, IBrowserFile file, CancellationToken ct)
    {
        var contentType = file.ContentType is { Length: > 0 } type ? type : "application/octet-stream";
        var start = await api
            .Api.V1.Tasks[taskId]
            .Attachments.PostAsync(
                new CreateAttachmentRequest
                {
                    FileName = file.Name,
                    ContentType = contentType,
                    Size = file.Size,
                },
                cancellationToken: ct
            );
        if (start?.UploadUrl is not { } url || start.AttachmentId is not { } attachmentId)
        {
            throw new InvalidOperationException("The API did not say where to upload the file.");
        }

        // The API accepted the size: the store's signature covers it, so a larger file fails there too.
        await using var stream = file.OpenReadStream(maxAllowedSize: file.Size, ct);
        using var request = new HttpRequestMessage(new HttpMethod(start.UploadMethod ?? "PUT"), url)
        {
            Content = new StreamContent(stream),
        };
        foreach (var (name, value) in start.UploadHeaders?.AdditionalData ?? new Dictionary<string, object>())
        {
            // Content-Length is signed too, but a browser sets it itself (a forbidden header): the file's size, the declared one.
            if (
                !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && value?.ToString() is { } text
                && !request.Headers.TryAddWithoutValidation(name, text)
            )
            {
                request.Content.Headers.TryAddWithoutValidation(name, text);
            }
        }

        using var response = await _store.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Upload to the object store failed — HTTP {(int)response.StatusCode}");
        }

        await api.Api.V1.Attachments[attachmentId].Complete.PostAsync(cancellationToken: ct);
    }

    /// <summary>
    /// Fetches the file through the API's redirect (the browser drops the Authorization header when it follows it to the
    /// store's origin) and hands it to the browser as a download named <paramref name="fileName"/>.
    /// </summary>
    public async Task DownloadAsync(Guid attachmentId, string fileName, string contentType, CancellationToken ct)
    {
        // The generated GetAsync reads no body (the API describes only its 302); the same request, sent for a stream.
        var request = api.Api.V1.Attachments[attachmentId].ToGetRequestInformation();
        await using var body =
            await adapter.SendPrimitiveAsync<Stream>(request, cancellationToken: ct)
            ?? throw new InvalidOperationException("The download was empty.");
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy, ct);

        await using var blob = await js.InvokeConstructorAsync(
            "Blob",
            [new object[] { copy.ToArray() }, new Dictionary<string, string> { ["type"] = contentType }]
        );
        var url = await js.InvokeAsync<string>("URL.createObjectURL", blob);
        await using var link = await js.InvokeAsync<IJSObjectReference>("document.createElement", "a");
        await link.SetValueAsync("href", url);
        await link.SetValueAsync("download", fileName);
        await link.InvokeVoidAsync("click");
        // The browser has started the download from the URL; let it finish before the URL is revoked.
        _ = RevokeLaterAsync(url);
    }

    public void Dispose() => _store.Dispose();

    private async Task RevokeLaterAsync(string url)
    {
        await Task.Delay(TimeSpan.FromMinutes(1));
        await js.InvokeVoidAsync("URL.revokeObjectURL", url);
    }
}
