using System.Net;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Auth.Register;

public class RegisterTests
{
    [Test]
    public async Task Registers_a_user_who_then_signs_in_and_stores_only_a_password_hash()
    {
        var http = ApiClient.Anonymous();
        var email = $"New-{Guid.NewGuid():N}@Example.com";

        var accepted = await ApiClient.Send(
            http,
            HttpMethod.Post,
            "auth/register",
            new
            {
                email,
                password = "s3cret-enough",
                displayName = " Ann ",
            },
            HttpStatusCode.Accepted
        );
        var login = await ApiClient.Send(http, HttpMethod.Post, "auth/login", new { email, password = "s3cret-enough" }, HttpStatusCode.OK);
        var user = await ApiClient.Send(
            ApiClient.WithBearer(login.GetProperty("token").GetString()!),
            HttpMethod.Get,
            "me",
            null,
            HttpStatusCode.OK
        );

        Assert.Multiple(() =>
        {
            Assert.That(
                accepted.TryGetProperty("id", out _),
                Is.False,
                "the answer is the same for a taken address, so it names no account"
            );
            Assert.That(user.GetProperty("email").GetString(), Is.EqualTo(email));
            Assert.That(user.GetProperty("displayName").GetString(), Is.EqualTo("Ann"));
            Assert.That(user.GetProperty("id").GetGuid().Version, Is.EqualTo(7));
            Assert.That(user.TryGetProperty("passwordHash", out _), Is.False);
        });
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var hash = await db.QuerySingleAsync<string>(
            "select password_hash from users where id = @id",
            new { id = user.GetProperty("id").GetGuid() }
        );
        Assert.That(hash, Does.Not.Contain("s3cret-enough").And.Length.GreaterThan(40));
    }

    [Test]
    public async Task A_taken_email_gets_the_same_answer_as_a_new_one_and_the_account_is_unchanged()
    {
        var http = ApiClient.Anonymous();
        var email = $"dup-{Guid.NewGuid():N}@example.com";

        using var fresh = await http.PostAsJsonAsync(
            "auth/register",
            new
            {
                email,
                password = "password-1",
                displayName = "One",
            }
        );
        using var taken = await http.PostAsJsonAsync(
            "auth/register",
            new
            {
                email = email.ToUpperInvariant(),
                password = "password-2",
                displayName = "Two",
            }
        );
        var freshBody = await fresh.Content.ReadAsStringAsync();
        var takenBody = await taken.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(fresh.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), freshBody);
            Assert.That(taken.StatusCode, Is.EqualTo(fresh.StatusCode), takenBody);
            Assert.That(takenBody, Is.EqualTo(freshBody), "nothing tells whether the address has an account");
            Assert.That(taken.Content.Headers.ContentType?.ToString(), Is.EqualTo(fresh.Content.Headers.ContentType?.ToString()));
            Assert.That(taken.Headers.Location, Is.EqualTo(fresh.Headers.Location));
        });
        await (await http.PostAsJsonAsync("auth/login", new { email, password = "password-2" })).AssertProblemAsync(
            HttpStatusCode.Unauthorized
        );
        var login = await ApiClient.Send(http, HttpMethod.Post, "auth/login", new { email, password = "password-1" }, HttpStatusCode.OK);
        var me = await ApiClient.Send(
            ApiClient.WithBearer(login.GetProperty("token").GetString()!),
            HttpMethod.Get,
            "me",
            null,
            HttpStatusCode.OK
        );
        Assert.That(me.GetProperty("displayName").GetString(), Is.EqualTo("One"));
    }

    [Test]
    public async Task A_taken_and_a_new_email_take_the_same_time_over_200_tries()
    {
        var http = ApiClient.Anonymous();
        var taken = (await ApiClient.SignUpAsync()).Email;
        var run = Guid.NewGuid().ToString("N");

        await ResponseTiming.AssertIndistinguishableAsync(
            _ =>
                http.PostAsJsonAsync(
                    "auth/register",
                    new
                    {
                        email = taken,
                        password = "password-1",
                        displayName = "Taken",
                    }
                ),
            i =>
                http.PostAsJsonAsync(
                    "auth/register",
                    new
                    {
                        email = $"new-{run}-{i}@example.com",
                        password = "password-1",
                        displayName = "New",
                    }
                )
        );
    }

    [Test]
    public async Task Invalid_fields_are_named()
    {
        var response = await ApiClient
            .Anonymous()
            .PostAsJsonAsync(
                "auth/register",
                new
                {
                    email = "not-an-email",
                    password = "short",
                    displayName = new string('x', 101),
                }
            );

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "email", "password", "displayName");
    }
}
