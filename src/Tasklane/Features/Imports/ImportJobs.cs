using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Imports;

/// <summary>Run import <see cref="ImportId"/>: queued by the API in the transaction that created the import row.</summary>
public sealed record ImportRequested(Guid ImportId, Guid WorkspaceId) : IJob;
