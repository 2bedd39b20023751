using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Http;
using Npgsql;
using OtpNet;
using QRCoder;
using Tasklane.Infrastructure;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Auth;

/// <summary>
/// The codes of two-factor authentication: TOTP (RFC 6238 as every authenticator app does it: HMAC-SHA-1, 6 digits, 30-second
/// steps, one step either side accepted for clock drift) through Otp.NET, and single-use recovery codes. A TOTP code is
/// taken once: the newest accepted step is stored and only a later one is accepted after it. Every check is counted per
/// account (<c>RateLimiting:TwoFactorPermitsPerWindow</c>, over every host and challenge), so guessing the 6 digits takes
/// years.
/// </summary>
public sealed class TwoFactorCodes(NpgsqlDataSource db, TwoFactorSecrets secrets, TimeProvider clock) : ISingletonService
{
    public const string Issuer = "Tasklane";
    public const int Digits = 6;
    public const int SecretBytes = 20; // 160 bits, as RFC 4226 recommends for HMAC-SHA-1

    /// <summary>The longest <c>code</c> a request may send: 6 digits, maybe spaced ("123 456").</summary>
    public const int CodeMax = 16;

    /// <summary>Recovery codes handed out at once; each works once.</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>"xxxx-xxxx-xxxx": 48 random bits in lower-case hex.</summary>
    public const int RecoveryCodeLength = 14;

    /// <summary>The longest <c>recoveryCode</c> a request may send (spaces and dashes are ignored).</summary>
    public const int RecoveryCodeMax = 32;

    /// <summary>A base32 secret of <see cref="SecretBytes"/> bytes.</summary>
    public const int SecretLength = 32;

    /// <summary>The otpauth URI bound: the email (254) percent-encoded at worst three times over, the issuer twice, the secret.</summary>
    public const int UriMax = 1024;

    /// <summary>The QR code's data URI bound: a PNG of the longest URI at 4 pixels a module stays well under it.</summary>
    public const int QrCodeMax = 16384;

    private static readonly string SecretSql = Sql.Load(typeof(TwoFactorCodes), "TwoFactorSecret.sql");
    private static readonly string SpendStepSql = Sql.Load(typeof(TwoFactorCodes), "SpendTimeStep.sql");
    private static readonly string SpendRecoverySql = Sql.Load(typeof(TwoFactorCodes), "SpendRecoveryCode.sql");
    private static readonly string ReplaceRecoverySql = Sql.Load(typeof(TwoFactorCodes), "ReplaceRecoveryCodes.sql");
    private static readonly string UserWorkspacesSql = Sql.Load(typeof(TwoFactorCodes), "UserWorkspaces.sql");

    /// <summary>
    /// The otpauth URI as a QR code, as a <c>data:</c> URI: drawn here so that the web app does not carry a QR encoder in its
    /// first load. Error correction M, as authenticator apps read it from a screen.
    /// </summary>
    public static string QrCode(string otpauthUri) =>
        "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(otpauthUri, QRCodeGenerator.ECCLevel.M, 4));

    /// <summary>
    /// 429 when the account has tried too many codes in the window; null when this try may go on. The limits are the API
    /// host's (workers have none), so the endpoint hands them in.
    /// </summary>
    public static async Task<IResult?> LimitAsync(KeyedLimits limits, RateLimiting.Settings settings, Guid userId, CancellationToken ct)
    {
        using var lease = await limits.AcquireAsync("two-factor", userId.ToString("N"), settings.TwoFactorPermitsPerWindow, ct);
        return lease.IsAcquired ? null : RateLimiting.TooManyRequests(lease, "Too many two-factor codes tried for this account.");
    }

    /// <summary>
    /// Whether <paramref name="code"/> (TOTP) or <paramref name="recoveryCode"/> is good for the user's enabled two-factor
    /// authentication; a good one is spent (the TOTP step, or the recovery code, which is deleted).
    /// </summary>
    public async Task<bool> SpendAsync(Guid userId, string? code, string? recoveryCode, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        if (!string.IsNullOrWhiteSpace(recoveryCode))
        {
            return await connection.ExecuteAsync(
                    new CommandDefinition(
                        SpendRecoverySql,
                        new { UserId = userId, CodeHash = HashRecoveryCode(recoveryCode) },
                        cancellationToken: ct
                    )
                ) == 1;
        }

        var stored = await connection.QuerySingleOrDefaultAsync<StoredSecret>(
            new CommandDefinition(SecretSql, new { UserId = userId }, cancellationToken: ct)
        );
        if (
            stored is not { Enabled: true }
            || !secrets.Configured
            || MatchedStep(secrets.Open(userId, stored.Secret), code) is not { } step
        )
        {
            return false;
        }

        // One statement: two requests with the same code cannot both pass.
        return await connection.ExecuteAsync(
                new CommandDefinition(SpendStepSql, new { UserId = userId, Step = step }, cancellationToken: ct)
            ) == 1;
    }

    /// <summary>The user's stored secret (sealed) and whether it is enabled, or null when they have none.</summary>
    public async Task<StoredSecret?> FindAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<StoredSecret>(
            new CommandDefinition(SecretSql, new { UserId = userId }, cancellationToken: ct)
        );
    }

    /// <summary>The time step <paramref name="code"/> belongs to, if it is the secret's code for now or a step either side.</summary>
    public long? MatchedStep(byte[] secret, string? code)
    {
        var digits = code?.Replace(" ", "", StringComparison.Ordinal);
        if (digits is not { Length: Digits } || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        return new Totp(secret).VerifyTotp(clock.DbNow(), digits, out var step, VerificationWindow.RfcSpecifiedNetworkDelay) ? step : null;
    }

    /// <summary>New recovery codes, to show once; <see cref="ReplaceRecoveryCodesAsync"/> stores their hashes.</summary>
    public static string[] NewRecoveryCodes() =>
        [
            .. Enumerable
                .Range(0, RecoveryCodeCount)
                .Select(_ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)))
                .Select(hex => $"{hex[..4]}-{hex[4..8]}-{hex[8..]}"),
        ];

    /// <summary>
    /// SHA-256 of the code as typed without spaces and dashes, in lower case. No salt or slow hash is needed: a code has 48
    /// random bits, so no dictionary holds it, and guessing online is limited per account.
    /// </summary>
    public static string HashRecoveryCode(string code) =>
        Convert.ToHexStringLower(
            SHA256.HashData(
                Encoding.UTF8.GetBytes(
                    code.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()
                )
            )
        );

    /// <summary>Replaces the user's recovery codes with <paramref name="codes"/> (stored as hashes) in the transaction.</summary>
    public static Task ReplaceRecoveryCodesAsync(OutboxTransaction tx, Guid userId, string[] codes, CancellationToken ct) =>
        tx.ExecuteAsync(ReplaceRecoverySql, new { UserId = userId, CodeHashes = codes.Select(HashRecoveryCode).ToArray() }, ct);

    /// <summary>
    /// Drops the cached access facts of each workspace the user is in, after the commit: whether the user lacks two-factor
    /// authentication a workspace requires is cached with their role.
    /// </summary>
    public static async Task InvalidateAccessAsync(OutboxTransaction tx, Guid userId, CancellationToken ct) =>
        tx.Invalidate((await tx.QueryAsync<Guid>(UserWorkspacesSql, new { UserId = userId }, ct)).Select(w => CacheKeys.Role(w, userId)));
}
