using System.Text.Json;
using NUnit.Framework;
using Tasklane.Features.Webhooks;
using Tasklane.Infrastructure.Auth;
using Wolverine;

namespace Tasklane.Features.Members;

public class MemberEventsTests
{
    private static readonly Guid Id = new("019ad4a0-9c8d-7e6f-a051-62738495a6b7");
    private static readonly DateTime At = new(2030, 5, 6, 7, 8, 9, DateTimeKind.Utc);

    /// <summary>Webhook receivers, the change feed and the activity feed get roles spelled as the API spells them.</summary>
    [Test]
    public void Roles_in_public_event_data_are_spelled_as_the_api_spells_them()
    {
        var e = new MemberRoleChanged(Id, Id, Id, At, Id, WorkspaceRole.Member, WorkspaceRole.Viewer);

        var json = JsonSerializer.Serialize(WebhookEvents.For(e)!.Data(e), JsonSerializerOptions.Web);

        Assert.That(json, Does.EndWith(""","userId":"019ad4a0-9c8d-7e6f-a051-62738495a6b7","from":"member","to":"viewer"}"""));
    }

    /// <summary>Versions before typed roles queued them as text; such a message must still be handled after an upgrade.</summary>
    [Test]
    public void A_role_change_queued_with_roles_as_text_reads_back()
    {
        var serializer = new WolverineOptions().DefaultSerializer;
        var old = new TextRoleChanged(Id, Id, Id, At, Id, "owner", "admin");

        var read = (MemberRoleChanged)
            serializer.ReadFromData(typeof(MemberRoleChanged), new Envelope { Data = serializer.WriteMessage(old) });

        Assert.That((read.From, read.To), Is.EqualTo((WorkspaceRole.Owner, WorkspaceRole.Admin)));
    }

    private sealed record TextRoleChanged(
        Guid EventId,
        Guid WorkspaceId,
        Guid ActorId,
        DateTime OccurredAt,
        Guid UserId,
        string From,
        string To
    );
}
