using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Components.WebAssembly.Http;

namespace Tasklane.Web.Services;

/// <summary>
/// Every request to the API (the typed client's and the event stream's) carries the session's token as
/// <c>Authorization: Bearer</c>; requests to other origins never do. An API answer of 401 to a request that carried a token
/// means the session is over (signed out elsewhere, expired): it is forgotten, and the app shows the sign-in page.
/// </summary>
public sealed class SessionHandler(Session session, Uri server) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = request.RequestUri is { } uri && SameOrigin(uri, server) ? session.Token : null;
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        // Server-sent events arrive as the body grows. Streaming is the default since .NET 10; saying so keeps the stream
        // working if a build turns the default off (WasmEnableStreamingResponse).
        if (request.Headers.Accept.Any(a => a.MediaType == "text/event-stream"))
        {
            request.SetBrowserResponseStreamingEnabled(true);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null && token == session.Token)
        {
            session.SignOut();
        }

        return response;
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
