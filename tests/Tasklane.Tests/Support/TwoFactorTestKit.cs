using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Npgsql;
using OtpNet;
using StackExchange.Redis;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Auth;

/// <summary>Helpers for the two-factor tests (here, not beside the slices: they arrange rows with SQL and read the wall clock as an app does): codes are computed with Otp.NET from the secret the API answered, as an app does.</summary>
public static class TwoFactorTestKit
{
    public const string Password = "correct horse";

    /// <summary>The code an authenticator app shows now, or <paramref name="steps"/> 30-second steps from now.</summary>
    public static string CodeFor(string secret, int steps = 0) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * steps));

    /// <summary>A code that is surely not the right one for now or a step either side.</summary>
    public static string WrongCodeFor(string secret)
    {
        var right = new[] { -1, 0, 1, 2 }.Select(s => CodeFor(secret, s)).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => $"{i}{i}{i}{i}{i}{i}").First(c => !right.Contains(c));
    }

    /// <summary>Enrols and confirms two-factor authentication for <paramref name="user"/>; the code of the current step is spent.</summary>
    public static async Task<(string Secret, string[] RecoveryCodes)> EnableAsync(ApiClient user)
    {
        var enrolment = await user.PostAsync("me/two-factor", null, HttpStatusCode.OK);
        var secret = enrolment.GetProperty("secret").GetString()!;
        var confirmed = await user.PostAsync("me/two-factor/confirm", new { code = CodeFor(secret) }, HttpStatusCode.OK);
        return (secret, confirmed.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray());
    }

    /// <summary>Signs in with the password through <paramref name="http"/>; the answer (a challenge for an account with two-factor).</summary>
    public static Task<JsonElement> LoginAsync(HttpClient http, string email) =>
        ApiClient.Send(http, HttpMethod.Post, "auth/login", new { email, password = Password }, HttpStatusCode.OK);

    /// <summary>The challenge a password sign-in answers for an account with two-factor authentication.</summary>
    public static async Task<string> ChallengeAsync(HttpClient http, string email)
    {
        var login = await LoginAsync(http, email);
        return login.GetProperty("challenge").GetString()!;
    }

    public static Task<HttpResponseMessage> CompleteAsync(
        HttpClient http,
        string challenge,
        string? code = null,
        string? recoveryCode = null
    ) =>
        http.PostAsJsonAsync(
            "auth/login/two-factor",
            new
            {
                challenge,
                code,
                recoveryCode,
            }
        );

    /// <summary>As if time had passed since the last code: the stored step is forgotten, so the current code is fresh again.</summary>
    public static async Task ForgetUsedCodesAsync(Guid userId)
    {
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        await db.ExecuteAsync("update two_factor set last_used_step = null where user_id = @userId", new { userId });
    }

    /// <summary>How many sessions the user has in Redis (the per-user set of session hashes).</summary>
    public static async Task<long> SessionCountAsync(Guid userId)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Services.Configuration["ConnectionStrings:Redis"]!);
        return await redis.GetDatabase().SetLengthAsync("user-sessions:" + userId.ToString("N"));
    }

    /// <summary>A client signed in with the session token <paramref name="login"/> answered, through <paramref name="hosts"/>.</summary>
    public static async Task<HttpClient> SignedInAsync(HttpResponseMessage login, TasklaneHosts? hosts = null)
    {
        var body = await login.Content.ReadFromJsonAsync<JsonElement>();
        var http = (hosts ?? TestEnvironment.Hosts).CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
        return http;
    }

    /// <summary>The Redis key of a challenge: its hash, never its value.</summary>
    public static string ChallengeKey(string challenge) => "two-factor-challenge:" + SessionStore.Hash(challenge);
}
