using Microsoft.AspNetCore.Identity;

namespace Tasklane.Infrastructure.Auth;

/// <summary>ASP.NET Core Identity's hasher: PBKDF2-HMAC-SHA512, salted, versioned format that can be re-tuned later.</summary>
public sealed class Passwords : ISingletonService
{
    private static readonly object User = new();
    private readonly PasswordHasher<object> _hasher = new();

    // Verified against when the email is unknown, so both paths cost one KDF run (no user enumeration by timing).
    private readonly string _dummyHash;

    public Passwords() => _dummyHash = Hash(Guid.NewGuid().ToString());

    public string Hash(string password) => _hasher.HashPassword(User, password);

    public bool Verify(string? hash, string password) =>
        _hasher.VerifyHashedPassword(User, hash ?? _dummyHash, password) != PasswordVerificationResult.Failed && hash is not null;
}
