using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Testcontainers.PostgreSql;
using Testcontainers.Redis;

namespace Tasklane.Tests.Support;

/// <summary>
/// Real PostgreSQL, Redis and an S3-compatible store for the test run. With a Docker engine they are
/// Testcontainers (Postgres, Redis, MinIO); without one, scripts/services.sh starts throw-away local
/// servers (Postgres 15, redis-server, s3rver, maildev, the development OpenID provider) under a temp folder. The tests see
/// only configuration (maildev's REST API as <c>MailDev:Url</c>, the OpenID provider's issuer as <c>OidcDev:Issuer</c>).
/// </summary>
public sealed class TestServices : IAsyncDisposable
{
    private readonly Func<Task> _stop;

    /// <summary>
    /// services.sh's arguments for the local servers (DIR and ports), to add or stop a read replica; null with containers.
    /// </summary>
    private readonly string[]? _localUp;
    private Func<Task>? _stopPostgres;
    private Func<Task>? _startPostgres;

    private TestServices(IReadOnlyDictionary<string, string?> configuration, string backend, Func<Task> stop, string[]? localUp = null)
    {
        Configuration = configuration;
        Backend = backend;
        _stop = stop;
        _localUp = localUp;
    }

    /// <summary>Whether <see cref="WithReplicaAsync"/> can add a streaming replica (local servers only).</summary>
    public bool CanStartReplica => _localUp is not null;

    /// <summary>
    /// Adds (or restarts) a streaming read replica of these servers' PostgreSQL (services.sh --replica-port) and returns
    /// the configuration with <c>ConnectionStrings:PostgresReplica</c>. The primary keeps running untouched.
    /// </summary>
    public async Task<TestServices> WithReplicaAsync()
    {
        if (_localUp is null)
        {
            throw new InvalidOperationException("A replica needs the local servers (services.sh), not containers.");
        }

        var port = ReplicaPort ??= FreePort();
        var envFile = (
            await RunAsync(ScriptPath(), [.. _localUp, "--replica-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        )
            .Trim()
            .Split('\n')[^1];
        var replica = ReadEnvFile(envFile)["ConnectionStrings:PostgresReplica"]!;
        var configuration = new Dictionary<string, string?>(Configuration)
        {
            ["ConnectionStrings:PostgresReplica"] = new Npgsql.NpgsqlConnectionStringBuilder(replica)
            {
                Database = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString).Database,
            }.ConnectionString,
        };
        return new TestServices(configuration, Backend, () => Task.CompletedTask, _localUp);
    }

    /// <summary>
    /// Stops the replica started by <see cref="WithReplicaAsync"/> (fast shutdown); the primary and the rest keep running.
    /// </summary>
    public Task StopReplicaAsync() => _localUp is null ? Task.CompletedTask : RunAsync(ScriptPath(), "down", _localUp[1], "--replica-only");

    private static int? ReplicaPort { get; set; }

    private static string ScriptPath() => Path.Combine(RepoRoot(), "scripts", "services.sh");

    /// <summary>Configuration keys as the hosts read them (ConnectionStrings:Postgres, Storage:ServiceUrl, ...).</summary>
    public IReadOnlyDictionary<string, string?> Configuration { get; }

    public string Backend { get; }

    public string PostgresConnectionString => Configuration["ConnectionStrings:Postgres"]!;

    /// <summary>
    /// The same servers with a fresh, empty database, for tests whose hosts must not share the run's queues (a
    /// child-process worker that is killed, for one). Migrate it with <see cref="TasklaneHosts.MigrateAsync"/>;
    /// disposing drops the database.
    /// </summary>
    public async Task<TestServices> WithNewDatabaseAsync()
    {
        var name = "tl_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new Npgsql.NpgsqlConnection(PostgresConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"create database {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var configuration = new Dictionary<string, string?>(Configuration)
        {
            ["ConnectionStrings:Postgres"] = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString)
            {
                Database = name,
            }.ConnectionString,
        };
        if (Configuration.TryGetValue("ConnectionStrings:PostgresReplica", out var replica) && replica is not null)
        {
            // CREATE DATABASE is replicated like any other change.
            configuration["ConnectionStrings:PostgresReplica"] = new Npgsql.NpgsqlConnectionStringBuilder(replica)
            {
                Database = name,
            }.ConnectionString;
        }

        return new TestServices(
            configuration,
            Backend,
            async () =>
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await using var admin = new Npgsql.NpgsqlConnection(PostgresConnectionString);
                await admin.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand($"drop database if exists {name} with (force)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        );
    }

    /// <summary>True when this run's servers are local processes this fixture can stop and start (not containers).</summary>
    public bool CanRestartPostgres => _stopPostgres is not null;

    public Task StopPostgresAsync() => (_stopPostgres ?? throw new NotSupportedException("Only the local backend restarts Postgres."))();

    public Task StartPostgresAsync() => (_startPostgres ?? throw new NotSupportedException("Only the local backend restarts Postgres."))();

    public static async Task<TestServices> StartAsync() => DockerAvailable() ? await StartContainersAsync() : await StartLocalAsync();

    public ValueTask DisposeAsync() => new(_stop());

    private static bool DockerAvailable()
    {
        if (Environment.GetEnvironmentVariable("TASKLANE_TEST_BACKEND") is { Length: > 0 } forced)
        {
            return forced == "docker";
        }

        if (!File.Exists("/var/run/docker.sock") && Environment.GetEnvironmentVariable("DOCKER_HOST") is null)
        {
            return false;
        }

        try
        {
            using var docker = Process.Start(
                new ProcessStartInfo("docker", "info") { RedirectStandardOutput = true, RedirectStandardError = true }
            )!;
            return docker.WaitForExit(10_000) && docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<TestServices> StartContainersAsync()
    {
        var postgres = new PostgreSqlBuilder("postgres:15").Build();
        var redis = new RedisBuilder("redis:7").Build();
        var minio = new ContainerBuilder("minio/minio:latest")
            .WithCommand("server", "/data")
            .WithEnvironment("MINIO_ROOT_USER", "tasklane")
            .WithEnvironment("MINIO_ROOT_PASSWORD", "tasklane-secret")
            .WithPortBinding(9000, true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath("/minio/health/live").ForPort(9000)))
            .Build();
        await Task.WhenAll(postgres.StartAsync(), redis.StartAsync(), minio.StartAsync());
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres.GetConnectionString(),
            ["ConnectionStrings:Redis"] = redis.GetConnectionString(),
            ["Storage:ServiceUrl"] = $"http://{minio.Hostname}:{minio.GetMappedPublicPort(9000)}",
            ["Storage:AccessKey"] = "tasklane",
            ["Storage:SecretKey"] = "tasklane-secret",
        };
        return new TestServices(
            configuration,
            "testcontainers",
            async () =>
            {
                foreach (var container in new IContainer[] { postgres, redis, minio })
                {
                    await container.DisposeAsync();
                }
            }
        );
    }

    private static async Task<TestServices> StartLocalAsync()
    {
        // Short path: the Postgres socket path must stay under 108 bytes.
        var dir = Path.Combine(Path.GetTempPath(), "tl-" + Guid.NewGuid().ToString("N")[..10]);
        var script = ScriptPath();
        string[] up =
        [
            "up",
            dir,
            "--fast",
            "--pg-port",
            FreePort().ToString(),
            "--redis-port",
            FreePort().ToString(),
            "--s3-port",
            FreePort().ToString(),
            "--smtp-port",
            FreePort().ToString(),
            "--mail-web-port",
            FreePort().ToString(),
            "--oidc-port",
            FreePort().ToString(),
        ];
        var envFile = (await RunAsync(script, up)).Trim().Split('\n')[^1];

        var configuration = ReadEnvFile(envFile);
        return new TestServices(
            configuration,
            "local",
            async () =>
            {
                await RunAsync(script, "down", dir);
                Directory.Delete(dir, recursive: true);
            },
            up
        )
        {
            // Fast shutdown (SIGINT to the postmaster): connections drop, as when a database server restarts.
            _stopPostgres = async () =>
            {
                var pid = int.Parse(
                    (await File.ReadAllLinesAsync(Path.Combine(dir, "pg", "data", "postmaster.pid")))[0],
                    System.Globalization.CultureInfo.InvariantCulture
                );
                using (var signal = Process.Start("kill", ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await signal.WaitForExitAsync();
                }

                while (File.Exists($"/proc/{pid}"))
                {
                    await Task.Delay(50);
                }
            },
            // `up` again reuses the running Redis and s3rver and starts Postgres on its old port and data.
            _startPostgres = () => RunAsync(script, up),
        };
    }

    private static Dictionary<string, string?> ReadEnvFile(string envFile)
    {
        var configuration = new Dictionary<string, string?>();
        foreach (var line in File.ReadAllLines(envFile))
        {
            var assignment = line.StartsWith("export ", StringComparison.Ordinal) ? line[7..] : line;
            var eq = assignment.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                configuration[assignment[..eq].Replace("__", ":", StringComparison.Ordinal)] = assignment[(eq + 1)..].Trim('\'');
            }
        }

        return configuration;
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "app.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (app.sln).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}):\n{await stderr}");
        }

        return await stdout;
    }
}
