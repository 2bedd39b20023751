using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Tasklane.Infrastructure;

namespace Tasklane.Features.Auth;

/// <summary>
/// Seals TOTP secrets for the database with AES-256-GCM under the setting <c>TwoFactor:SecretKey</c> (32 random bytes,
/// base64), with the user's id as associated data: a dump of the database alone gives no secret away, and a sealed
/// secret copied to another user's row does not open. Not ASP.NET Data Protection: its key ring would have to live
/// somewhere every host shares and that outlives them, and here that is only Postgres, beside what it protects (or
/// Redis, whose loss would lock every user out). The key is a setting, like the database password (as GitLab keeps
/// its OTP key).
/// </summary>
public sealed class TwoFactorSecrets(IConfiguration config) : ISingletonService
{
    /// <summary>The format of a sealed secret, so another key or algorithm can be told apart later.</summary>
    private const string Version = "v1.";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[]? _key = config["TwoFactor:SecretKey"] is { Length: > 0 } key ? Convert.FromBase64String(key) : null;

    /// <summary>Without a key two-factor authentication cannot be enrolled (503); a host still signs in those enrolled earlier only with one.</summary>
    public bool Configured => _key is not null;

    public string Seal(Guid userId, byte[] secret)
    {
        var sealedBytes = new byte[NonceSize + secret.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key!, TagSize);
        aes.Encrypt(
            nonce,
            secret,
            sealedBytes.AsSpan(NonceSize, secret.Length),
            sealedBytes.AsSpan(NonceSize + secret.Length),
            userId.ToByteArray()
        );
        return Version + Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The secret <see cref="Seal"/> sealed for <paramref name="userId"/>; throws when it was sealed for another user or key.</summary>
    public byte[] Open(Guid userId, string sealedSecret)
    {
        if (!sealedSecret.StartsWith(Version, StringComparison.Ordinal))
        {
            throw new CryptographicException("Not a sealed two-factor secret.");
        }

        var sealedBytes = Base64Url.DecodeFromChars(sealedSecret.AsSpan(Version.Length));
        var secret = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key!, TagSize);
        aes.Decrypt(
            sealedBytes.AsSpan(0, NonceSize),
            sealedBytes.AsSpan(NonceSize, secret.Length),
            sealedBytes.AsSpan(NonceSize + secret.Length),
            secret,
            userId.ToByteArray()
        );
        return secret;
    }

    /// <summary>503 when <c>TwoFactor:SecretKey</c> is not set.</summary>
    public static IResult NotConfigured() =>
        Results.Problem(
            new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service Unavailable",
                Detail = "Two-factor authentication is not configured on this server (TwoFactor:SecretKey).",
            }
        );
}
