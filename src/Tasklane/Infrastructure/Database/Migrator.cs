using DbUp;
using DbUp.Engine;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Tasklane.Infrastructure.Database;

/// <summary>
/// Applies db/migrations/*.sql (embedded) in name order, each once, recorded in public.schema_versions.
/// A session-level advisory lock serialises concurrent migrators, so two starting deployments never race.
/// </summary>
public static class Migrator
{
    private const long LockKey = 0x7461736B6C616E65; // "tasklane"

    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, ILogger logger, CancellationToken ct = default)
    {
        // Unpooled: a pooled connection returned to the pool keeps its session (and the advisory lock) until reused,
        // so a waiting migrator could wait forever.
        await using var lockConnection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString
        );
        await lockConnection.OpenAsync(ct);
        await using (var cmd = new NpgsqlCommand("select pg_advisory_lock(@key)", lockConnection))
        {
            cmd.Parameters.AddWithValue("key", LockKey);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        var scripts = Sql.Migrations().Select(m => new SqlScript(m.Name, m.Text)).ToList();
        var result = DeployChanges
            .To.PostgresqlDatabase(connectionString)
            .WithScripts(scripts)
            .WithTransactionPerScript()
            .LogTo(new DbUpLogger(logger))
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration '{result.ErrorScript?.Name}' failed: {result.Error.Message}", result.Error);
        }

        // Closing the connection releases the advisory lock.
        return result.Scripts.Select(s => s.Name).ToList();
    }

    private sealed class DbUpLogger(ILogger logger) : DbUp.Engine.Output.IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }

        public void LogDebug(string format, params object[] args) { }

        public void LogInformation(string format, params object[] args) =>
            logger.LogInformation("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void LogWarning(string format, params object[] args) =>
            logger.LogWarning("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void LogError(string format, params object[] args) =>
            logger.LogError("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void LogError(Exception ex, string format, params object[] args) =>
            logger.LogError(ex, "{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
