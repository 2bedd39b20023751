namespace Tasklane.Features.Auth;

/// <summary>A user's sealed TOTP secret and whether a first code confirmed it.</summary>
public sealed record StoredSecret(string Secret, bool Enabled);
