using Amazon.S3;
using JasperFx.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Storage;

namespace Tasklane.Infrastructure.Hosting;

/// <summary>
/// <c>Tasklane.Api migrate</c>: applies the SQL migrations, creates both hosts' Wolverine message stores
/// and the shared queue tables (with an index and vacuum settings of ours: WolverineTables.sql), and the storage bucket. Run once per
/// deployment before the hosts start.
/// </summary>
public static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        void Provision(WebApplicationBuilder b)
        {
            configure?.Invoke(b);
            b.Configuration["Wolverine:ProvisionStorage"] = "true";
        }

        using var api = ApiHost.Build(args, Provision);
        var logger = api.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tasklane.Migrate");
        var connectionString = api.Configuration.RequiredConnectionString("Postgres");

        var applied = await Migrator.MigrateAsync(connectionString, logger);
        logger.LogInformation("Database migrations applied: {Count}", applied.Count);

        await api.SetupResources();
        using (var worker = WorkerHost.Build(args, Provision))
        {
            await worker.SetupResources();
        }

        // After Wolverine's own schema step, which would drop an index it does not know on a table it manages.
        await using (var db = new Npgsql.NpgsqlConnection(connectionString))
        {
            await db.OpenAsync();
            await using var tuning = new Npgsql.NpgsqlCommand(Sql.Load(typeof(Messaging.QueueTables), "WolverineTables.sql"), db);
            await tuning.ExecuteNonQueryAsync();
        }

        await StorageSetup.EnsureBucketAsync(
            api.Services.GetRequiredService<IAmazonS3>(),
            api.Services.GetRequiredService<StorageOptions>(),
            default
        );
        logger.LogInformation("Migration complete");
        return 0;
    }
}
