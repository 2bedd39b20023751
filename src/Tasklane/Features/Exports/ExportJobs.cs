using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Exports;

/// <summary>Run export <see cref="ExportId"/>: queued by the API in the transaction that created the export row.</summary>
public sealed record ExportRequested(Guid ExportId, Guid WorkspaceId, Guid ProjectId) : IJob;

/// <summary>The retention of a finished export's file ran out: scheduled by the commit that finished it.</summary>
public sealed record ExportExpired(Guid ExportId, Guid WorkspaceId) : IJob;
