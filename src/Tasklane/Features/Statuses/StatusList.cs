using System.ComponentModel.DataAnnotations;

namespace Tasklane.Features.Statuses;

/// <summary>A project's statuses in board order; a project has at most <see cref="StatusRules.MaxPerProject"/>, so one page.</summary>
public sealed record StatusList([property: MaxLength(StatusRules.MaxPerProject)] IReadOnlyList<StatusResponse> Items);
