namespace Tasklane.Infrastructure.Http;

/// <summary>
/// On a POST endpoint whose answer hands out a secret (a token, a signing secret, a presigned URL): the answer must
/// never be kept anywhere for a replay, so <see cref="Idempotency"/> leaves these routes alone and marks their answers
/// <c>Cache-Control: no-store</c>. Wolverine.Http
/// copies the method's attributes into the endpoint's metadata, where the middleware finds it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AnswersSecretAttribute : Attribute;
