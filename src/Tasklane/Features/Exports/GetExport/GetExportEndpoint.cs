using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Storage;
using Wolverine.Http;

namespace Tasklane.Features.Exports.GetExport;

public static class GetExportEndpoint
{
    private static readonly string Query = Sql.Load(typeof(GetExportEndpoint), "GetExport.sql");

    public static Task<Membership?> LoadAsync(Guid exportId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToExportAsync(exportId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) => Access.Deny(membership, "The export") ?? WolverineContinue.NoProblems;

    /// <summary>
    /// The export job: poll it until <c>status</c> is succeeded (then <c>downloadUrl</c> is a presigned URL valid for
    /// a few minutes; ask again for a fresh one) or failed (<c>error</c> says why). <c>progress</c> runs from 0 to 1.
    /// </summary>
    [WolverineGet("/exports/{exportId}")]
    [ProducesResponseType<ExportResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(
        Guid exportId,
        NpgsqlDataSource db,
        ObjectStore store,
        ExportSettings settings,
        TimeProvider clock,
        HttpResponse response,
        CancellationToken ct
    )
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var export = await connection.QuerySingleOrDefaultAsync<ExportResponse>(
            new CommandDefinition(Query, new { ExportId = exportId }, cancellationToken: ct)
        );
        if (export is null)
        {
            return Results.Problem(Problems.NotFound("The export"));
        }

        // The body changes while the job runs and may carry a credential (the URL): never cached.
        response.Headers.CacheControl = "no-store";
        if (export.Status != "succeeded")
        {
            return Results.Ok(export);
        }

        var expires = clock.DbNow().AddMinutes(settings.DownloadUrlMinutes);
        var url = await store.PresignGetAsync(export.ObjectKey, export.FileName, ExportRules.ContentType(export.Format), expires);
        return Results.Ok(export with { DownloadUrl = url });
    }
}
