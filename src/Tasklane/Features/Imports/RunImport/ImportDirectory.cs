namespace Tasklane.Features.Imports.RunImport;

/// <summary>
/// What rows are matched against, loaded once per run: the workspace's members (by email, and by display name when
/// only one member has it), its labels, the request's mapping, and whether people who are not members are invited.
/// Keys are compared without regard to case.
/// </summary>
public sealed record ImportDirectory(
    IReadOnlyDictionary<string, Guid> MembersByEmail,
    IReadOnlyDictionary<string, Guid> MembersByName,
    IReadOnlySet<string> Labels,
    ImportMapping Mapping,
    bool InviteUnknownPeople
)
{
    public static ImportDirectory From(
        IEnumerable<(Guid Id, string Email, string DisplayName)> members,
        IEnumerable<string> labels,
        ImportMapping? mapping,
        bool inviteUnknownPeople
    )
    {
        var list = members.ToList();
        return new ImportDirectory(
            list.ToDictionary(m => m.Email, m => m.Id, StringComparer.OrdinalIgnoreCase),
            list.GroupBy(m => m.DisplayName.Trim(), StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Count() == 1)
                .ToDictionary(g => g.Key, g => g.Single().Id, StringComparer.OrdinalIgnoreCase),
            labels.ToHashSet(StringComparer.OrdinalIgnoreCase),
            mapping ?? new ImportMapping(),
            inviteUnknownPeople
        );
    }
}
