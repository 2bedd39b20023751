namespace Tasklane.Features.Invitations;

public static class InvitationRules
{
    /// <summary>How long an invitation can be accepted after it is made or renewed.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>The same normalisation as registration, so an invitation matches its account whatever the case.</summary>
    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}
