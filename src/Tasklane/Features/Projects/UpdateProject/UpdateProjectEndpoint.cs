using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Projects.UpdateProject;

/// <summary>The fields a PATCH may change: an absent one stays as it is; a null description clears it.</summary>
public sealed record UpdateProjectRequest : StrictBody
{
    [MaxLength(ProjectRules.NameMax)]
    public Optional<string> Name { get; init; }

    [MaxLength(ProjectRules.DescriptionMax)]
    public Optional<string?> Description { get; init; }

    public FieldErrors Validate()
    {
        var errors = RefuseUnknownFields(new FieldErrors())
            .Typed("name", Name, "Must be a string.", nullable: false)
            .Typed("description", Description, "Must be a string or null.", nullable: true)
            .MaxLength("description", Description.Value, ProjectRules.DescriptionMax);
        return Name is { IsPresent: true, Value: { } name } ? errors.Required("name", name, ProjectRules.NameMax) : errors;
    }
}

public static class UpdateProjectEndpoint
{
    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(UpdateProjectRequest? body, Membership? membership) =>
        Access.Deny(membership, "The project", Permission.ManageProjects)
        ?? (body is null ? FieldErrors.MissingBody() : body.Validate().ToProblem());

    /// <summary>Renames and/or re-describes a project. 409 while archived; 412 on a stale If-Match.</summary>
    [WolverinePatch("/projects/{projectId}")]
    [ProducesResponseType<ProjectResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Patch(
        Guid projectId,
        UpdateProjectRequest body,
        Membership membership,
        HttpContext context,
        ProjectWrites writes,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var now = clock.DbNow();
        var (problem, project) = await writes.ChangeAsync(
            projectId,
            context.Request,
            current => UpdateProjectDecision.Decide(current, body, membership.UserId, now),
            ct
        );
        return ProjectResults.From(problem, project, context.Response);
    }
}

public static class UpdateProjectDecision
{
    /// <summary>
    /// One event per changed field (<paramref name="patch"/> has passed <see cref="UpdateProjectRequest.Validate"/>); no events (and no new
    /// version) when nothing changes.
    /// </summary>
    public static ProjectOutcome Decide(ProjectRow current, UpdateProjectRequest patch, Guid actorId, DateTime now)
    {
        if (current.DeletedAt is not null)
        {
            return ProjectOutcome.Refuse(Problems.NotFound("The project"), current);
        }

        var name = patch.Name.IsPresent ? patch.Name.Value!.Trim() : current.Name;
        var description = patch.Description.Or(current.Description);
        if (name == current.Name && description == current.Description)
        {
            return new ProjectOutcome(null, current, []);
        }

        if (current.ArchivedAt is not null)
        {
            return ProjectOutcome.Refuse(Problems.Conflict("The project is archived and read-only. Unarchive it first."), current);
        }

        var next = current with { Name = name, Description = description, Version = current.Version + 1 };
        var events = new List<IDomainEvent>();
        if (name != current.Name)
        {
            events.Add(
                new ProjectRenamed(Guid.CreateVersion7(), current.WorkspaceId, current.Id, actorId, now, next.Version, current.Name, name)
            );
        }

        if (description != current.Description)
        {
            events.Add(
                new ProjectDescriptionChanged(
                    Guid.CreateVersion7(),
                    current.WorkspaceId,
                    current.Id,
                    actorId,
                    now,
                    next.Version,
                    current.Description,
                    description
                )
            );
        }

        return new ProjectOutcome(null, next, events);
    }
}
