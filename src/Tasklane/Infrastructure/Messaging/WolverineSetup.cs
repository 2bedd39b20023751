using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Tasklane.Infrastructure.Database;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;
using Wolverine.Transports;

namespace Tasklane.Infrastructure.Messaging;

/// <summary>
/// One Wolverine configuration for both hosts. Messages travel to the worker through durable Postgres queues, one per
/// subscriber (<see cref="Queues"/>), written by the publisher's own transaction (<see cref="Outbox"/>); each host
/// kind keeps its own envelope (inbox) schema, and both must share the transport schema or messages strand.
/// </summary>
public static class WolverineSetup
{
    public const string TransportSchema = "wolverine_queues";

    public static string EnvelopeSchema(HostRole role) => role == HostRole.Api ? "wolverine_api" : "wolverine_worker";

    public static void Configure(WolverineOptions opts, IConfiguration config, IHostEnvironment environment, HostRole role)
    {
        // Handlers, endpoints and the pre-generated code all live in the features library.
        opts.ApplicationAssembly = typeof(WolverineSetup).Assembly;
        opts.ServiceName = role == HostRole.Api ? "tasklane-api" : "tasklane-worker";

        // NOTIFY from the sender wakes the listener at once; polling is only the safety net.
        opts.UsePostgresqlPersistenceAndTransport(config.RequiredConnectionString("Postgres"), EnvelopeSchema(role), TransportSchema)
            .EnableQueueNotifications();

        // The schema is built once by `migrate`, not by hosts racing at start-up.
        opts.AutoBuildMessageStorageOnStartup = config.GetValue<bool>("Wolverine:ProvisionStorage")
            ? AutoCreate.CreateOrUpdate
            : AutoCreate.None;

        // Reclaim messages held by a dead node in seconds instead of minutes.
        opts.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(1);
        opts.Durability.FirstHealthCheckExecution = TimeSpan.FromMilliseconds(500);
        opts.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(5);

        // Without a policy Wolverine dead-letters a message on its first failure, so one Postgres blip would lose an
        // activity entry until someone replays it. Handlers with their own [ScheduleRetry] keep theirs: the chain's
        // rule matches first. A message still failing after these retries is a poison message: dead letters.
        // A database restarting or failing over is not a poison message: wait it out (~18 s) before dead-lettering.
        opts.Policies.OnException<Npgsql.NpgsqlException>(e => e.IsTransient, "a transient database failure")
            .RetryWithCooldown(
                TimeSpan.FromMilliseconds(100),
                TimeSpan.FromMilliseconds(500),
                TimeSpan.FromSeconds(2),
                TimeSpan.FromSeconds(5),
                TimeSpan.FromSeconds(10)
            );
        opts.Policies.OnException<Exception>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2));

        // Each handler runs on its own queue only; nothing is combined into one chain or sent to an in-memory queue.
        opts.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated;
        var subscriptions = Queues.Subscriptions(opts.ApplicationAssembly);
        foreach (var (queue, message) in subscriptions)
        {
            opts.Publish(rule => rule.Message(message).ToPostgresqlQueue(queue));
        }

        // Handlers are idempotent by the message's own id, and a queue hands a message to the inbox in the transaction
        // that removes it, so handled envelopes need not be kept. Every poll of a queue looks the inbox up by address
        // (WolverineTables.sql indexes it), so the inbox must stay small: handled rows go within 2 s, not after 5 minutes.
        opts.Durability.KeepAfterMessageHandling = TimeSpan.Zero;
        opts.Durability.HandledMessageCleanupPollingTime = TimeSpan.FromSeconds(2);
        if (role == HostRole.Worker)
        {
            var settings = config.GetSection("Worker").Get<WorkerSettings>() ?? new WorkerSettings();
            // Exports are long and each buffers a multipart part: Wolverine's default parallelism (max(cores, 5)), polled each second.
            opts.ListenToPostgresqlQueue(Queues.Jobs).PollingInterval(TimeSpan.FromSeconds(1));
            foreach (var queue in subscriptions.Select(s => s.Queue).Where(q => q != Queues.Jobs).Distinct())
            {
                // A backlog drains at most BatchSize per PollingInterval per queue (LISTEN/NOTIFY wakes it sooner while
                // writes arrive); the buffer must hold a whole batch or the listener pauses itself.
                opts.ListenToPostgresqlQueue(queue)
                    .MaximumMessagesToReceive(settings.BatchSize)
                    .PollingInterval(TimeSpan.FromMilliseconds(settings.PollingMilliseconds))
                    .MaximumParallelMessages(settings.Parallelism)
                    .UseDurableInbox(new BufferingLimits(settings.BatchSize * 2, settings.BatchSize));
            }
        }

        // Production loads the code pre-generated by scripts/codegen.sh (fast, predictable start);
        // development generates it in memory at start-up. Only `codegen write` writes source files.
        opts.CodeGeneration.TypeLoadMode =
            config["Wolverine:CodeGeneration"] is { Length: > 0 } mode ? Enum.Parse<TypeLoadMode>(mode, ignoreCase: true)
            : environment.IsDevelopment() ? TypeLoadMode.Dynamic
            : TypeLoadMode.Static;
        opts.CodeGeneration.SourceCodeWritingEnabled = false;
        if (config["Wolverine:GeneratedCodePath"] is { Length: > 0 } path)
        {
            opts.CodeGeneration.GeneratedCodeOutputPath = path;
        }

        if (opts.CodeGeneration.TypeLoadMode != TypeLoadMode.Static)
        {
            opts.UseRuntimeCompilation();
        }
    }
}
