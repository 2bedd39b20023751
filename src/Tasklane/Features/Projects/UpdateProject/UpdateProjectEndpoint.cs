using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine;
using Wolverine.Http;

namespace Tasklane.Features.Projects.UpdateProject;

/// <summary>The fields a PATCH may change; <c>Has…</c> false means absent (leave as is). A null description clears it.</summary>
public sealed record ProjectPatch(bool HasName, string? Name, bool HasDescription, string? Description)
{
    /// <summary>The fields a PATCH may send; public for the fuzz test, as the OpenAPI document sees only a JsonElement.</summary>
    public static readonly IReadOnlyList<string> Fields = ["name", "description"];

    public static ProjectPatch Parse(JsonElement body, FieldErrors errors)
    {
        if (!JsonBody.TryReadObject(body, Fields, errors))
        {
            return new ProjectPatch(false, null, false, null);
        }

        var hasName = body.TryGetProperty("name", out var name);
        if (hasName && name.ValueKind != JsonValueKind.String)
        {
            errors.Add("name", "Must be a string.");
        }
        else if (hasName)
        {
            errors.Required("name", name.GetString(), ProjectRules.NameMax);
        }

        var hasDescription = body.TryGetProperty("description", out var description);
        if (hasDescription && description.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            errors.Add("description", "Must be a string or null.");
        }
        else if (hasDescription)
        {
            errors.MaxLength("description", description.GetString(), ProjectRules.DescriptionMax);
        }

        return new ProjectPatch(
            hasName, hasName && name.ValueKind == JsonValueKind.String ? name.GetString()!.Trim() : null,
            hasDescription, hasDescription && description.ValueKind == JsonValueKind.String ? description.GetString() : null);
    }
}

public static class UpdateProjectEndpoint
{
    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The project", Permission.ManageProjects) ?? WolverineContinue.NoProblems;

    /// <summary>Renames and/or re-describes a project. 409 while archived; 412 on a stale If-Match.</summary>
    [WolverinePatch("/projects/{projectId}")]
    [ProducesResponseType<ProjectResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Patch(
        Guid projectId, JsonElement body, Membership membership, HttpContext context, ProjectWrites writes, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var patch = ProjectPatch.Parse(body, errors);
        if (errors.Any)
        {
            return Results.Problem(errors.ToProblem());
        }

        var now = clock.DbNow();
        var (problem, project) = await writes.ChangeAsync(projectId, context.Request, current => UpdateProjectDecision.Decide(current, patch, membership.UserId, now), ct);
        return ProjectResults.From(problem, project, context.Response);
    }
}

public static class UpdateProjectDecision
{
    /// <summary>One event per changed field; no events (and no new version) when nothing changes.</summary>
    public static ProjectOutcome Decide(ProjectRow current, ProjectPatch patch, Guid actorId, DateTime now)
    {
        if (current.DeletedAt is not null)
        {
            return ProjectOutcome.Refuse(Problems.NotFound("The project"), current);
        }

        var name = patch.HasName ? patch.Name! : current.Name;
        var description = patch.HasDescription ? patch.Description : current.Description;
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
            events.Add(new ProjectRenamed(Guid.CreateVersion7(), current.WorkspaceId, current.Id, actorId, now, next.Version, current.Name, name));
        }

        if (description != current.Description)
        {
            events.Add(new ProjectDescriptionChanged(Guid.CreateVersion7(), current.WorkspaceId, current.Id, actorId, now, next.Version, current.Description, description));
        }

        return new ProjectOutcome(null, next, events);
    }
}
