using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Members;

/// <summary>
/// The roles a membership change depends on, read fresh inside its transaction: the caller's (null when no
/// longer a member), the target's (null when not a member) and how many owners the workspace has.
/// </summary>
public sealed record Roster(Guid WorkspaceId, Membership? Caller, Guid TargetId, WorkspaceRole? TargetRole, int Owners)
{
    private static readonly string LockSql = Sql.Load(typeof(Roster), "LockWorkspace.sql");
    private static readonly string StateSql = Sql.Load(typeof(Roster), "RosterState.sql");

    /// <summary>
    /// Locks the workspace row, then reads the roles. Every role change and removal takes this lock first, so two
    /// owners demoting or removing each other at once run one after the other and the second sees one owner left.
    /// The read is a second statement on purpose: a statement that waited for a row lock still reads the
    /// other rows as they were when it started.
    /// </summary>
    public static async Task<Roster> LockAsync(OutboxTransaction tx, Guid workspaceId, Guid callerId, Guid targetId, CancellationToken ct)
    {
        await tx.ExecuteAsync(LockSql, new { workspaceId }, ct);
        var (callerRole, targetRole, owners) = await tx.QuerySingleAsync<(string?, string?, int)>(
            StateSql,
            new
            {
                workspaceId,
                callerId,
                targetId,
            },
            ct
        );
        var caller = callerRole is null ? null : new Membership(workspaceId, null, callerId, WorkspaceRoles.Parse(callerRole));
        return new Roster(workspaceId, caller, targetId, targetRole is null ? null : WorkspaceRoles.Parse(targetRole), owners);
    }
}
