namespace Tasklane.Features.Projects;

public sealed record ProjectResponse(Guid Id, Guid WorkspaceId, string Name, string? Description, DateTime CreatedAt);
