using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;

namespace Tasklane.Infrastructure.Auth;

/// <summary>
/// A role lookup in the cache (<see cref="Access"/>): the role's name as JSON, or null for "not a member". Versions
/// before roles were spelled out cached the number (2 for member); those entries still read, so a rolling upgrade
/// answers from them until they expire instead of failing.
/// </summary>
public sealed class CachedRoleSerializer : IHybridCacheSerializer<WorkspaceRole?>
{
    public WorkspaceRole? Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new Utf8JsonReader(source);
        reader.Read();
        return reader.TokenType == JsonTokenType.Number
            ? (WorkspaceRole)reader.GetInt32()
            : JsonSerializer.Deserialize<WorkspaceRole?>(ref reader);
    }

    public void Serialize(WorkspaceRole? value, IBufferWriter<byte> target)
    {
        using var writer = new Utf8JsonWriter(target);
        JsonSerializer.Serialize(writer, value);
    }
}
