using System.Net.Http.Headers;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Tasklane.Client;

/// <summary>Builds a <see cref="TasklaneApiClient"/> for one server and (optionally) one bearer token.</summary>
public static class TasklaneClientFactory
{
    /// <summary>
    /// A client for <paramref name="server"/> (the root, e.g. <c>http://127.0.0.1:8080</c>; the generated
    /// paths already start with <c>/api/v1</c>). The token goes on the <see cref="HttpClient"/> rather than
    /// through Kiota's bearer provider, which only sends tokens to HTTPS hosts on an allow list: a
    /// self-hosted server on plain HTTP in a LAN is a supported setup. A plain HttpClient also means no Kiota
    /// retry middleware: a silently repeated POST could create a task twice; 429/503 reach the caller instead.
    /// </summary>
    public static TasklaneApiClient Create(Uri server, string? token = null, HttpClient? http = null)
    {
        http ??= new HttpClient();
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http)
        {
            BaseUrl = server.GetLeftPart(UriPartial.Authority) + server.AbsolutePath.TrimEnd('/'),
        };
        return new TasklaneApiClient(adapter);
    }
}
