using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Projects;

/// <summary>What a project slice's pure …Decision decided: refuse, leave as is (no events), or write <see cref="Next"/>.</summary>
public sealed record ProjectOutcome(ProblemDetails? Refused, ProjectRow Next, IReadOnlyList<IDomainEvent> Events)
{
    public static ProjectOutcome Refuse(ProblemDetails problem, ProjectRow current) => new(problem, current, []);

    public static ProjectOutcome Change(ProjectRow next, params IDomainEvent[] events) => new(null, next, events);
}
