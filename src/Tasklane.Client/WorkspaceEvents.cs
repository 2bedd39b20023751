using System.Net;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Tasklane.Client;

/// <summary>One change in a workspace, as the event stream and the change feed carry it. <see cref="Id"/> is its cursor.</summary>
public sealed record WorkspaceChange(
    string Id,
    string Type,
    Guid EventId,
    Guid WorkspaceId,
    Guid ActorId,
    DateTime OccurredAt,
    JsonElement Data
);

/// <summary>
/// What the stream says: a change, that it is live (<see cref="Ready"/>), or that changes were lost and the state must be loaded again.
/// </summary>
public enum StreamSignal
{
    Change,

    /// <summary>Everything up to now has been sent; what follows happens live.</summary>
    Ready,

    /// <summary>The changes after the last id are no longer kept: load the state again, then go on.</summary>
    Resync,
}

public sealed record StreamItem(StreamSignal Signal, string? Id, WorkspaceChange? Change);

/// <summary>
/// The workspace event stream (<c>GET /api/v1/workspaces/{id}/events</c>, server-sent events), which the generated client
/// cannot describe: <see cref="OpenAsync"/> reads one connection, <see cref="FollowAsync"/> reconnects with the last
/// event id whenever a connection ends (a host restarting, a proxy timing out), so the caller sees every change once.
/// </summary>
public static class WorkspaceEvents
{
    /// <summary>
    /// Reads one connection until the server ends it. Throws <see cref="HttpRequestException"/> with the status when the
    /// stream is refused (401 signed out, 404 not a member, 429 too many streams).
    /// </summary>
    public static async IAsyncEnumerable<StreamItem> OpenAsync(
        HttpClient http,
        Uri server,
        Guid workspaceId,
        string? lastEventId = null,
        [EnumeratorCancellation] CancellationToken ct = default
    )
    {
        // Appended, not resolved: a server under a sub-path (https://host/tasklane) keeps it, as the generated client does.
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            new Uri($"{server.GetLeftPart(UriPartial.Path).TrimEnd('/')}/api/v1/workspaces/{workspaceId}/events")
        );
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"The event stream was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}",
                null,
                response.StatusCode
            );
        }

        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(ct))
        {
            yield return item.EventType switch
            {
                "ready" => new StreamItem(StreamSignal.Ready, item.EventId, null),
                "resync" => new StreamItem(StreamSignal.Resync, item.EventId, null),
                _ => new StreamItem(
                    StreamSignal.Change,
                    item.EventId,
                    JsonSerializer.Deserialize<WorkspaceChange>(item.Data, JsonSerializerOptions.Web)
                ),
            };
        }
    }

    /// <summary>Reads the stream for as long as <paramref name="ct"/> allows, reconnecting after a pause when a connection ends.</summary>
    public static async IAsyncEnumerable<StreamItem> FollowAsync(
        HttpClient http,
        Uri server,
        Guid workspaceId,
        string? lastEventId = null,
        [EnumeratorCancellation] CancellationToken ct = default
    )
    {
        while (!ct.IsCancellationRequested)
        {
            var connection = OpenAsync(http, server, workspaceId, lastEventId, ct).GetAsyncEnumerator(ct);
            try
            {
                while (true)
                {
                    try
                    {
                        if (!await connection.MoveNextAsync())
                        {
                            break;
                        }
                    }
                    catch (HttpRequestException e)
                        when (e.StatusCode is null or >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests)
                    {
                        break; // the host went away or is busy: try again
                    }
                    catch (IOException)
                    {
                        break;
                    }

                    lastEventId = connection.Current.Id ?? lastEventId;
                    yield return connection.Current;
                }
            }
            finally
            {
                await connection.DisposeAsync();
            }

            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }
    }
}
