namespace Tasklane.Features.Mail;

/// <summary>
/// Worker message (queue <c>mail</c>): send mail <see cref="MailId"/> of <see cref="Kind"/> about
/// <see cref="SubjectId"/> (a user or an invitation). The sender reads address and names from the database when it sends,
/// so the message carries ids only, with one exception: <see cref="Token"/>.
/// </summary>
/// <param name="MailId">The mail's identity: one row in <c>mail_deliveries</c>, one mail however often the message arrives.</param>
/// <param name="Kind">A <see cref="MailKind"/>.</param>
/// <param name="SubjectId">The user (reset, verification) or the invitation the mail is about.</param>
/// <param name="Token">
/// The raw secret of the mail's link (reset, verification or invitation token), or null. Deliberately here: the
/// database keeps only its SHA-256, so the raw token cannot be rebuilt when the mail is sent, and making it at send time
/// would need the hash written by the worker (a second moving part for the same guarantee). So the raw token lives
/// only in this queued message, which is deleted once handled (a message that fails every retry stays in the dead
/// letters until retention purges it; the token has expired by then). It is never logged, nor put in an event.
/// </param>
public sealed record SendMail(Guid MailId, string Kind, Guid SubjectId, string? Token)
{
    /// <summary>Never the token: records print their members, and a message may end up in a log line.</summary>
    public override string ToString() => $"SendMail {{ MailId = {MailId}, Kind = {Kind}, SubjectId = {SubjectId} }}";
}
