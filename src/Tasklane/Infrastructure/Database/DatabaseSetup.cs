using System.Data;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Tasklane.Infrastructure.Database;

public static class DatabaseSetup
{
    static DatabaseSetup()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new JsonElementHandler());
        SqlMapper.AddTypeHandler(new GuidArrayHandler());
        SqlMapper.AddTypeHandler(new JsonColumnHandler<Dictionary<Guid, JsonElement>>());
        // Found by scanning: the text enums live in the feature areas, which Infrastructure does not name.
        foreach (var type in typeof(DatabaseSetup).Assembly.GetTypes().Where(TextEnum.Is))
        {
            SqlMapper.AddTypeHandler(
                type,
                (SqlMapper.ITypeHandler)Activator.CreateInstance(typeof(TextEnumHandler<>).MakeGenericType(type))!
            );
        }

        foreach (var type in typeof(DatabaseSetup).Assembly.GetTypes().Where(t => t.IsDefined(typeof(JsonColumnAttribute), false)))
        {
            var array = type.MakeArrayType();
            SqlMapper.AddTypeHandler(
                array,
                (SqlMapper.ITypeHandler)Activator.CreateInstance(typeof(JsonColumnHandler<>).MakeGenericType(array))!
            );
        }
    }

    public static IServiceCollection AddTasklaneDatabase(this IServiceCollection services, IConfiguration config)
    {
        var connectionString = config.RequiredConnectionString("Postgres");
        // One data source (one pool) per database per process; pool sizes are documented in docs/operations.md.
        services.AddSingleton(_ => Build(connectionString, replica: false));
        var replica = config.GetConnectionString("PostgresReplica") is { Length: > 0 } replicaString ? replicaString : null;
        services.AddSingleton(_ => new ReplicaDataSource(replica is null ? null : Build(replica, replica: true)));
        services.AddSingleton(config.GetSection("ReadDb").Get<ReadDb.Settings>() ?? new ReadDb.Settings());
        services.AddSingleton<ReadDb>();
        return services;
    }

    private static NpgsqlDataSource Build(string connectionString, bool replica)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // The slices run a fixed set of statements; preparing them saves Postgres re-planning each one
        // (measured: ~2 ms of planning for a task read, most of its cost). A connection string may override.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 200;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        // Returning a connection to the pool would otherwise cost a round trip of session resets (RESET ALL, UNLISTEN,
        // pg_advisory_unlock_all, …) on its next use. The slices leave no session state: no SET, LISTEN or advisory locks
        // (the migrator's lock is on an unpooled connection). Wolverine keeps its own pool, with resets.
        builder.ConnectionStringBuilder.NoResetOnClose = true;

        // A replica that is down must cost a read seconds at most before it falls back to the primary, not the default 15.
        if (replica && builder.ConnectionStringBuilder.Timeout == 15)
        {
            builder.ConnectionStringBuilder.Timeout = 3;
        }

        return builder.Build();
    }

    public static string RequiredConnectionString(this IConfiguration config, string name) =>
        config.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Missing configuration 'ConnectionStrings:{name}' (environment variable ConnectionStrings__{name})."
            );
}

/// <summary>Reads json/jsonb columns (selected as text) into <see cref="JsonElement"/> for responses.</summary>
internal sealed class JsonElementHandler : SqlMapper.TypeHandler<JsonElement>
{
    public override JsonElement Parse(object value)
    {
        using var document = JsonDocument.Parse((string)value);
        return document.RootElement.Clone();
    }

    public override void SetValue(IDbDataParameter parameter, JsonElement value)
    {
        parameter.DbType = DbType.String;
        parameter.Value = value.GetRawText();
    }
}

/// <summary>
/// A json/jsonb column (selected as text) into a typed member, with the web's JSON names: a task's custom field values, and
/// the arrays of types marked <see cref="JsonColumnAttribute"/>.
/// </summary>
internal sealed class JsonColumnHandler<T> : SqlMapper.TypeHandler<T>
{
    public override T Parse(object value) => JsonSerializer.Deserialize<T>((string)value, JsonSerializerOptions.Web)!;

    public override void SetValue(IDbDataParameter parameter, T? value)
    {
        ((NpgsqlParameter)parameter).NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb;
        parameter.Value = JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
    }
}

/// <summary>Rows read arrays of the marked type from a json/jsonb column (see <see cref="JsonColumnHandler{T}"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class JsonColumnAttribute : Attribute;

/// <summary>
/// An <see cref="ITextEnum{TSelf}"/> as its name in a text column, both ways: Dapper would otherwise refuse the type in a
/// parameter and a row. (A plain enum cannot be handled so: Dapper sends it as its number and skips handlers for it.)
/// Arrays are not covered: pass their names (<c>.Select(v => v.Name)</c>).
/// </summary>
internal sealed class TextEnumHandler<T> : SqlMapper.TypeHandler<T>
    where T : struct, ITextEnum<T>
{
    public override T Parse(object value) => TextEnum.Parse<T>((string)value);

    public override void SetValue(IDbDataParameter parameter, T value)
    {
        parameter.DbType = DbType.String;
        parameter.Value = value.Name;
    }
}

/// <summary>
/// uuid[] columns into <see cref="Guid"/>[] record members: Npgsql reports array columns as <see cref="Array"/>,
/// which Dapper's constructor matching refuses unless a handler claims the type.
/// </summary>
internal sealed class GuidArrayHandler : SqlMapper.TypeHandler<Guid[]>
{
    public override Guid[] Parse(object value) => value as Guid[] ?? [.. ((Array)value).Cast<Guid>()];

    public override void SetValue(IDbDataParameter parameter, Guid[]? value)
    {
        ((NpgsqlParameter)parameter).NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid;
        parameter.Value = (object?)value ?? DBNull.Value;
    }
}
