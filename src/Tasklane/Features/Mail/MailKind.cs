namespace Tasklane.Features.Mail;

/// <summary>What a mail is about; the sender builds its text from this and the subject's rows.</summary>
public static class MailKind
{
    /// <summary>A password reset link; the subject is the user.</summary>
    public const string PasswordReset = "password_reset";

    /// <summary>An email verification link; the subject is the user.</summary>
    public const string EmailVerification = "email_verification";

    /// <summary>An invitation's accept link; the subject is the invitation.</summary>
    public const string Invitation = "invitation";

    /// <summary>One notification (mention, assignment, comment, reminder); the subject is the mail itself (notification_mails).</summary>
    public const string Notification = "notification";

    /// <summary>A digest of a period's notifications; the subject is the mail itself (notification_mails).</summary>
    public const string Digest = "notification_digest";
}
