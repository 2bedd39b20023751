using Microsoft.Extensions.Configuration;
using Npgsql;
using StackExchange.Redis;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Retention;
using Tasklane.Infrastructure.Storage;

namespace Tasklane.Infrastructure.Configuration;

/// <summary>
/// Checks every setting the hosts read before anything is built, and fails with one exception that names
/// each missing or invalid setting (and its environment variable), instead of a stack trace from deep inside
/// a client library on the first request.
/// </summary>
public static class SettingsValidator
{
    public static void Validate(IConfiguration config)
    {
        var errors = new List<string>();

        void Require(string key, Func<string, string?>? check = null)
        {
            var value = config[key];
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"'{key}' is missing (environment variable {EnvName(key)}).");
            }
            else if (check?.Invoke(value) is { } problem)
            {
                errors.Add($"'{key}' is invalid: {problem}");
            }
        }

        // Present but empty is a mistake; absent means the documented default.
        void Optional(string key, Func<string, string?> check)
        {
            var value = config[key];
            if (value is null)
            {
                return;
            }

            if (check(value) is { } problem)
            {
                errors.Add($"'{key}' is invalid: {problem} (environment variable {EnvName(key)}).");
            }
        }

        Require("ConnectionStrings:Postgres", value => Try(() => _ = new NpgsqlConnectionStringBuilder(value)));
        Optional(
            "ConnectionStrings:PostgresReplica",
            value => value.Length == 0 ? null : Try(() => _ = new NpgsqlConnectionStringBuilder(value))
        );
        Optional("ReadDb:ReadYourWritesSeconds", PositiveInt);
        Optional("ReadDb:ReplicaRetrySeconds", PositiveInt);
        Optional("ReadDb:CatchUpMilliseconds", PositiveInt);
        Optional("ForwardedHeaders:KnownProxies", value => value.Length == 0 ? null : ProxyHeaders.CheckProxies(value));
        Optional("ForwardedHeaders:KnownNetworks", value => value.Length == 0 ? null : ProxyHeaders.CheckNetworks(value));
        Optional("ForwardedHeaders:ForwardLimit", PositiveInt);
        Optional("Shutdown:TimeoutSeconds", PositiveInt);
        Require("ConnectionStrings:Redis", value => Try(() => ConfigurationOptions.Parse(value)));
        var storageErrors = errors.Count;
        Optional("Storage:Bucket", NotEmpty);
        Optional("Storage:Region", NotEmpty);
        Optional("Storage:ServiceUrl", value => value.Length == 0 ? null : HttpUrl(value));
        Optional("Storage:PublicServiceUrl", value => value.Length == 0 ? null : HttpUrl(value));
        Optional("Storage:ForcePathStyle", Bool);
        Optional("Storage:DisableChunkEncoding", Bool);
        if (errors.Count == storageErrors)
        {
            PresignedUrls(config, errors);
        }

        Optional("Auth:SessionMinutes", PositiveInt);
        errors.AddRange(OidcProviders.Problems(config));
        Optional("RateLimiting:Enabled", Bool);
        Optional("RateLimiting:AnonymousPermitsPerWindow", PositiveInt);
        Optional("RateLimiting:LoginIpPermitsPerWindow", PositiveInt);
        Optional("RateLimiting:LoginAccountPermitsPerWindow", PositiveInt);
        Optional("RateLimiting:TwoFactorPermitsPerWindow", PositiveInt);
        Optional("RateLimiting:UserPermitsPerWindow", PositiveInt);
        Optional(
            "TwoFactor:SecretKey",
            value =>
                value.Length == 0 ? null
                : Convert.TryFromBase64String(value, new byte[value.Length], out var length) && length == 32 ? null
                : "must be 32 random bytes in base64 (e.g. openssl rand -base64 32)"
        );
        Optional("RateLimiting:WindowSeconds", PositiveInt);
        Optional("RateLimiting:KeyPrefix", NotEmpty);
        Optional("Idempotency:Hours", PositiveInt);
        Optional("Logging:Format", value => value is "json" or "simple" ? null : "must be 'json' or 'simple'");
        Optional("OpenTelemetry:OtlpEndpoint", value => value.Length == 0 ? null : HttpUrl(value));
        Optional("OpenTelemetry:OtlpProtocol", value => value is "grpc" or "http/protobuf" ? null : "must be 'grpc' or 'http/protobuf'");
        Optional("Metrics:Prometheus", Bool);
        Optional("Webhooks:AllowPrivateTargets", Bool);
        Optional("Webhooks:TimeoutSeconds", PositiveSeconds);
        Optional("Webhooks:Parallelism", PositiveInt);
        Optional("Mail:Port", value => int.TryParse(value, out var n) && n is > 0 and <= 65535 ? null : "must be a port number (1-65535)");
        Optional(
            "Mail:Security",
            value =>
                Enum.TryParse<MailKit.Security.SecureSocketOptions>(value, ignoreCase: true, out _)
                    ? null
                    : "must be StartTls, SslOnConnect, StartTlsWhenAvailable, Auto or None"
        );
        Optional("Mail:TimeoutSeconds", PositiveInt);
        Optional("Mail:ClaimTakeoverSeconds", PositiveInt);
        Optional(
            "Mail:NotificationDefault",
            value => value is "immediate" or "digest" or "off" ? null : "must be immediate, digest or off"
        );
        Optional(
            "Mail:DigestPeriod",
            value =>
                TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var period)
                && period >= TimeSpan.FromSeconds(1)
                && period <= TimeSpan.FromDays(7)
                    ? null
                    : "must be a time span from 00:00:01 to 7.00:00:00, such as 1.00:00:00"
        );
        Optional(
            "Mail:DigestAt",
            value =>
                TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var at)
                && at >= TimeSpan.Zero
                && at < TimeSpan.FromDays(1)
                    ? null
                    : "must be a time of day from 00:00:00 to 23:59:59, such as 07:00:00"
        );
        Optional(
            "Mail:From",
            value => MimeKit.MailboxAddress.TryParse(value, out _) ? null : "must be an address, e.g. Tasklane <no-reply@example.com>"
        );
        if (!string.IsNullOrWhiteSpace(config["Mail:Host"]))
        {
            // Links in mails must lead somewhere: with a mail server, where the web app is must be said.
            Require("Mail:PublicBaseUrl", HttpUrl);
        }

        Optional("Worker:BatchSize", PositiveInt);
        Optional("Worker:PollingMilliseconds", PositiveInt);
        Optional("Worker:Parallelism", PositiveInt);
        Optional("Retention:Enabled", Bool);
        Optional("Retention:ActivityDays", Days);
        Optional("Retention:ReadNotificationDays", Days);
        Optional("Retention:WebhookDeliveryDays", Days);
        Optional("Retention:DeadLetterDays", Days);
        Optional("Retention:ChangeDays", Days);
        Optional("Retention:MailDays", Days);
        Optional("Stream:HeartbeatSeconds", PositiveSeconds);
        Optional("Stream:RecheckSeconds", PositiveSeconds);
        Optional("Stream:WriteTimeoutSeconds", PositiveSeconds);
        Optional("Stream:BufferedChanges", PositiveInt);
        Optional("Stream:ConnectionsPerUser", PositiveInt);
        Optional("Stream:PollMilliseconds", PositiveInt);
        // A week at most: PeriodicTimer takes no more than 49 days, and a longer gap is no longer a schedule.
        Optional(
            "Retention:IntervalMinutes",
            value =>
                int.TryParse(value, out var n) && n is > 0 and <= 7 * 24 * 60 ? null : "must be a whole number of minutes from 1 to 10080"
        );
        Optional(
            "Retention:BatchSize",
            value =>
                int.TryParse(value, out var n) && n is > 0 and <= RetentionSettings.MaxBatchSize
                    ? null
                    : $"must be a whole number from 1 to {RetentionSettings.MaxBatchSize}"
        );
        Optional(
            "Reminders:LeadTime",
            value =>
                TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var lead) && lead >= TimeSpan.Zero
                    ? null
                    : "must be a time span of 0 or more, such as 01:00:00"
        );

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                "Tasklane cannot start, the configuration is invalid:" + string.Concat(errors.Select(e => "\n - " + e))
            );
        }
    }

    /// <summary>
    /// The object store's address, bucket and access key are part of every presigned URL, whose length the API documents
    /// (<see cref="ObjectStore.PresignedUrlMax"/>): settings that could make a longer one are refused here, not on a request.
    /// </summary>
    private static void PresignedUrls(IConfiguration config, List<string> errors)
    {
        var storage = config.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        var longest = ObjectStore.LongestUrl(storage);
        if (longest > ObjectStore.PresignedUrlMax)
        {
            errors.Add(
                $"'Storage:PublicServiceUrl' (or 'Storage:ServiceUrl'), 'Storage:Bucket' and 'Storage:AccessKey' are too long together: "
                    + $"presigned URLs could be {longest} characters, more than the {ObjectStore.PresignedUrlMax} the API documents. Shorten them "
                    + $"by {longest - ObjectStore.PresignedUrlMax} characters."
            );
        }
    }

    private static string EnvName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    private static string? NotEmpty(string value) => value.Trim().Length == 0 ? "must not be empty" : null;

    private static string? PositiveSeconds(string value) =>
        double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0
            ? null
            : "must be a number of seconds above 0";

    private static string? PositiveInt(string value) => int.TryParse(value, out var n) && n > 0 ? null : "must be a whole number above 0";

    // Up to a century: any longer keeps everything anyway, and the cutoff date must stay representable.
    private static string? Days(string value) =>
        int.TryParse(value, out var n) && n is > 0 and <= 36_500 ? null : "must be a whole number of days from 1 to 36500";

    private static string? Bool(string value) => bool.TryParse(value, out _) ? null : "must be true or false";

    private static string? HttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? null : "must be an absolute http(s) URL";

    // Connection string parsers throw on unknown keys or malformed values; their message says which.
    private static string? Try(Action parse)
    {
        try
        {
            parse();
            return null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or RedisConnectionException)
        {
            return e.Message;
        }
    }
}
