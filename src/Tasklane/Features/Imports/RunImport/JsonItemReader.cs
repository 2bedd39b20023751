using System.Text.Json;

namespace Tasklane.Features.Imports.RunImport;

/// <summary>
/// Reads a JSON object off a stream one top-level property at a time, and the items of the named array properties one
/// at a time, so memory holds one item, never the file: each value comes out as its own small <see cref="JsonDocument"/>.
/// The buffer grows to the largest single value, at most <c>maxItemBytes</c>; nesting is held to <see cref="ImportRules.MaxDepth"/>.
/// </summary>
public sealed class JsonItemReader(Stream stream, IReadOnlySet<string> arrayProperties, int maxItemBytes)
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = ImportRules.MaxDepth };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = ImportRules.MaxDepth };

    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _final;
    private long _consumedBefore;
    private JsonReaderState _state = new(ReaderOptions);
    private Mode _mode = Mode.Start;
    private string? _property;

    private enum Mode
    {
        Start,
        Root,
        Items,
        Done,
    }

    /// <summary>A top-level property (<c>Item</c> false) or an item of one of the arrays (<c>Item</c> true) with its value.</summary>
    public readonly record struct Value(string Property, bool Item, JsonDocument Document);

    public async IAsyncEnumerable<Value> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            var (found, value) = Step();
            if (found == Found.Value)
            {
                yield return value;
            }
            else if (found == Found.End)
            {
                yield break;
            }
            else
            {
                await FillAsync(ct);
            }
        }
    }

    private enum Found
    {
        Value,
        More,
        End,
    }

    private (Found, Value) Step()
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
        long committed = 0;
        var committedState = _state;
        try
        {
            while (true)
            {
                if (_mode == Mode.Done)
                {
                    // Only white space may follow the object.
                    if (reader.Read())
                    {
                        throw new ImportFileException(
                            $"The file is not valid JSON: something follows the end of the object (near byte {Offset(reader)})."
                        );
                    }

                    return _final ? (Found.End, default) : (Found.More, default);
                }

                if (!reader.Read())
                {
                    return (Found.More, default);
                }

                switch (_mode)
                {
                    case Mode.Start:
                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            throw new ImportFileException("The file is not a JSON object.");
                        }

                        _mode = Mode.Root;
                        break;
                    case Mode.Root when reader.TokenType == JsonTokenType.EndObject:
                        _mode = Mode.Done;
                        break;
                    case Mode.Root when reader.TokenType == JsonTokenType.PropertyName:
                        _property = reader.GetString();
                        break;
                    case Mode.Root
                        when _property is not null && arrayProperties.Contains(_property) && reader.TokenType == JsonTokenType.StartArray:
                        _mode = Mode.Items;
                        break;
                    case Mode.Items when reader.TokenType == JsonTokenType.EndArray:
                        _mode = Mode.Root;
                        break;
                    default:
                        // A whole value: a top-level property's or an item's.
                        var start = reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            return (Found.More, default);
                        }

                        var bytes = _buffer.AsSpan(_start + (int)start, (int)(reader.BytesConsumed - start)).ToArray();
                        var value = new Value(_property!, _mode == Mode.Items, JsonDocument.Parse(bytes, DocumentOptions));
                        committed = reader.BytesConsumed;
                        committedState = reader.CurrentState;
                        return (Found.Value, value);
                }

                committed = reader.BytesConsumed;
                committedState = reader.CurrentState;
            }
        }
        catch (JsonException e)
        {
            if (_final && reader.BytesConsumed >= _end - _start)
            {
                throw new ImportFileException("The file ends in the middle of its JSON.");
            }

            throw new ImportFileException($"The file is not valid JSON (near byte {Offset(reader)}): {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            throw new ImportFileException($"The file is not valid JSON (near byte {Offset(reader)}): {e.Message}");
        }
        finally
        {
            _start += (int)committed;
            _consumedBefore += committed;
            _state = committedState;
        }
    }

    private long Offset(Utf8JsonReader reader) => _consumedBefore + reader.BytesConsumed;

    private async Task FillAsync(CancellationToken ct)
    {
        if (_final)
        {
            throw new ImportFileException("The file ends in the middle of its JSON.");
        }

        var pending = _end - _start;
        if (pending == _buffer.Length)
        {
            if (_buffer.Length >= maxItemBytes)
            {
                throw new ImportFileException($"A value in the file is larger than {maxItemBytes} bytes (near byte {_consumedBefore}).");
            }

            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, maxItemBytes));
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _start = 0;
            _end = pending;
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
        _end += read;
        _final = read == 0;
    }
}
