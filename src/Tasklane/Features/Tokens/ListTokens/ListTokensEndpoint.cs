using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Tokens.ListTokens;

public static class ListTokensEndpoint
{
    private static readonly string Query = Sql.Load(typeof(ListTokensEndpoint), "ListTokens.sql");

    public static ProblemDetails Validate(int? limit, string? after, ClaimsPrincipal caller) =>
        caller.DenyOutsideScope() ?? new FieldErrors().Page(limit, after).ToProblem();

    /// <summary>The caller's API tokens, oldest first, without their values.</summary>
    [WolverineGet("/me/tokens")]
    public static Task<Page<TokenResponse>> Get(
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        ClaimsPrincipal caller,
        ReadDb reads,
        CancellationToken ct
    ) => Paging.QueryAsync<TokenResponse>(reads, caller, Query, new { userId = caller.UserId() }, limit, after, t => t.Id, ct);
}
