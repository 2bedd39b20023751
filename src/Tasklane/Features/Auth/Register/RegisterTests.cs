using System.Net;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Auth.Register;

public class RegisterTests
{
    [Test]
    public async Task Registers_a_user_and_stores_only_a_password_hash()
    {
        var http = ApiClient.Anonymous();
        var email = $"New-{Guid.NewGuid():N}@Example.com";

        var user = await ApiClient.Send(http, HttpMethod.Post, "auth/register", new { email, password = "s3cret-enough", displayName = " Ann " }, HttpStatusCode.Created);

        Assert.Multiple(() =>
        {
            Assert.That(user.GetProperty("email").GetString(), Is.EqualTo(email));
            Assert.That(user.GetProperty("displayName").GetString(), Is.EqualTo("Ann"));
            Assert.That(user.GetProperty("id").GetGuid().Version, Is.EqualTo(7));
            Assert.That(user.TryGetProperty("passwordHash", out _), Is.False);
        });
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var hash = await db.QuerySingleAsync<string>("select password_hash from users where id = @id", new { id = user.GetProperty("id").GetGuid() });
        Assert.That(hash, Does.Not.Contain("s3cret-enough").And.Length.GreaterThan(40));
    }

    [Test]
    public async Task A_taken_email_is_a_conflict_whatever_its_case()
    {
        var http = ApiClient.Anonymous();
        var email = $"dup-{Guid.NewGuid():N}@example.com";
        await ApiClient.Send(http, HttpMethod.Post, "auth/register", new { email, password = "password-1", displayName = "One" }, HttpStatusCode.Created);

        var response = await http.PostAsJsonAsync("auth/register", new { email = email.ToUpperInvariant(), password = "password-2", displayName = "Two" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Invalid_fields_are_named()
    {
        var response = await ApiClient.Anonymous().PostAsJsonAsync("auth/register", new { email = "not-an-email", password = "short", displayName = new string('x', 101) });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "email", "password", "displayName");
    }
}
