using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using NUnit.Framework;

namespace Tasklane.Tests.Support;

/// <summary>A signed-in user talking to the API over real HTTP; the helpers assert the status they expect.</summary>
public sealed class ApiClient(HttpClient http, Guid userId, string email, string token)
{
    public HttpClient Http { get; } = http;
    public Guid UserId { get; } = userId;
    public string Email { get; } = email;
    public string Token { get; } = token;

    public static HttpClient Anonymous() => TestEnvironment.Hosts.CreateClient();

    /// <summary>Registers a fresh user and signs in.</summary>
    public static Task<ApiClient> SignUpAsync(TasklaneHosts? hosts = null) => SignUpAsync((hosts ?? TestEnvironment.Hosts).CreateClient());

    /// <summary>
    /// Registers a fresh user and signs in through <paramref name="http"/> (a host process, nginx, …), which keeps the token.
    /// </summary>
    public static async Task<ApiClient> SignUpAsync(HttpClient http)
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        await Send(
            http,
            HttpMethod.Post,
            "auth/register",
            new
            {
                email,
                password = "correct horse",
                displayName = "Test User",
            },
            HttpStatusCode.Accepted
        );
        var login = await Send(http, HttpMethod.Post, "auth/login", new { email, password = "correct horse" }, HttpStatusCode.OK);
        var token = login.GetProperty("token").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // Registering names no account (the same answer for a taken address); the user's id comes from signing in.
        var me = await Send(http, HttpMethod.Get, "me", null, HttpStatusCode.OK);
        return new ApiClient(http, me.GetProperty("id").GetGuid(), email, token);
    }

    public Task<JsonElement> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        Send(Http, HttpMethod.Get, path, null, expected);

    public Task<JsonElement> PostAsync(string path, object? body, HttpStatusCode expected = HttpStatusCode.Created) =>
        Send(Http, HttpMethod.Post, path, body, expected);

    public Task<JsonElement> PatchAsync(string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        Send(Http, HttpMethod.Patch, path, body, expected);

    public Task<HttpResponseMessage> SendRawAsync(
        HttpMethod method,
        string path,
        string? json = null,
        Action<HttpRequestMessage>? configure = null
    )
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        return Http.SendAsync(request);
    }

    public async Task<Guid> CreateWorkspaceAsync(string name = "Workspace") =>
        (await PostAsync("workspaces", new { name })).GetProperty("id").GetGuid();

    public async Task<Guid> CreateProjectAsync(Guid workspaceId, string name = "Project") =>
        (await PostAsync($"workspaces/{workspaceId}/projects", new { name })).GetProperty("id").GetGuid();

    public async Task<JsonElement> CreateTaskAsync(Guid projectId, object? body = null) =>
        await PostAsync($"projects/{projectId}/tasks", body ?? new { title = "A task" });

    /// <summary>A workspace with one project, owned by this user.</summary>
    public async Task<(Guid WorkspaceId, Guid ProjectId)> CreateProjectInNewWorkspaceAsync()
    {
        var workspaceId = await CreateWorkspaceAsync();
        return (workspaceId, await CreateProjectAsync(workspaceId));
    }

    /// <summary>Invites <paramref name="email"/> to the workspace; returns the invitation's token.</summary>
    public async Task<string> InviteAsync(Guid workspaceId, string email, string role = "member") =>
        (await PostAsync($"workspaces/{workspaceId}/invitations", new { email, role })).GetProperty("token").GetString()!;

    /// <summary>Makes <paramref name="user"/> a member with <paramref name="role"/>: invited by this user, accepted by them.</summary>
    public async Task AddMemberAsync(Guid workspaceId, ApiClient user, string role = "member") =>
        await user.PostAsync($"invitations/{await InviteAsync(workspaceId, user.Email, role)}/accept", null, HttpStatusCode.OK);

    /// <summary>The same user and token, talking through another client (another host).</summary>
    public ApiClient Via(HttpClient other)
    {
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return new ApiClient(other, UserId, Email, Token);
    }

    public static HttpClient WithBearer(string token)
    {
        var http = Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>
    /// Adds this user to a workspace with <paramref name="role"/> straight in the database, for tests that need a second member.
    /// </summary>
    public async Task JoinWorkspaceAsync(Guid workspaceId, string role = "member")
    {
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        await db.ExecuteAsync(
            "insert into workspace_members (workspace_id, user_id, role, joined_at) values (@workspaceId, @UserId, @role, now())",
            new
            {
                workspaceId,
                UserId,
                role,
            }
        );
    }

    public static async Task<JsonElement> Send(HttpClient http, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{method} {path} answered: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Polls until <paramref name="condition"/> holds or the time is up; for effects of the asynchronous worker. The pause
    /// doubles from 50 ms to 200 ms, so a wait of minutes (a large export) stays under the per-user rate limit (600 a minute).
    /// </summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        var pause = 50;
        while (true)
        {
            var value = await probe();
            if (condition(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(pause);
            pause = Math.Min(pause * 2, 200);
        }
    }
}
