using System.Text.Json;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Infrastructure.Database;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Activity;

/// <summary>
/// Entries written before the activity feed stopped keeping comment text and invitee emails still had them:
/// the migration scrubs them. Its updates touch only what they remove, so running it again here is harmless.
/// </summary>
public class ActivityScrubTests
{
    [Test]
    public async Task The_migration_scrubs_comment_text_and_invitee_emails_from_earlier_entries()
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var (commentId, invitationId) = (Guid.NewGuid(), Guid.NewGuid());
        var secret = $"said before {Guid.NewGuid():N}";
        var email = $"invitee-{Guid.NewGuid():N}@example.com";
        var legacy = new (string Kind, object Data)[]
        {
            (
                "comment.added",
                new
                {
                    commentId,
                    body = secret,
                    mentions = new[] { owner.UserId },
                }
            ),
            (
                "comment.edited",
                new
                {
                    commentId,
                    version = 2,
                    changes = new { body = new { from = secret, to = secret + "!" } },
                }
            ),
            ("comment.deleted", new { commentId, authorId = owner.UserId }),
            (
                "member.invited",
                new
                {
                    invitationId,
                    email,
                    role = "member",
                    expiresAt = DateTime.UtcNow.AddDays(7),
                }
            ),
            (
                "member.invitation_revoked",
                new
                {
                    invitationId,
                    email,
                    role = "member",
                }
            ),
        };
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        foreach (var (kind, data) in legacy)
        {
            await db.ExecuteAsync(
                """
                insert into activity (id, workspace_id, actor_id, kind, data, occurred_at)
                values (@id, @workspaceId, @actorId, @kind, @data::jsonb, now())
                """,
                new
                {
                    id = Guid.CreateVersion7(),
                    workspaceId,
                    actorId = owner.UserId,
                    kind,
                    data = JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
                }
            );
        }

        await db.ExecuteAsync(Sql.Migrations().Single(m => m.Name.EndsWith("_activity_scrub.sql", StringComparison.Ordinal)).Text);

        var kept = (
            await db.QueryAsync<(string Kind, string Data)>(
                "select kind, data::text from activity where workspace_id = @workspaceId and kind like any (array['comment.%', 'member.invit%']) order by id",
                new { workspaceId }
            )
        ).ToList();
        // jsonb keeps its own key order: compare the names sorted.
        var fields = kept.Select(e =>
            (
                e.Kind,
                Names: string.Join(
                    ",",
                    JsonDocument.Parse(e.Data).RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)
                )
            )
        );
        Assert.Multiple(() =>
        {
            Assert.That(
                fields,
                Is.EqualTo(
                    new[]
                    {
                        ("comment.added", "commentId"),
                        ("comment.edited", "commentId,version"),
                        ("comment.deleted", "authorId,commentId"),
                        ("member.invited", "expiresAt,invitationId,role"),
                        ("member.invitation_revoked", "invitationId,role"),
                    }
                )
            );
            Assert.That(kept.Select(e => e.Data), Has.None.Contain(secret).And.None.Contain(email));
        });
    }
}
