using System.Text;

namespace Tasklane.Features.Imports.RunImport;

/// <summary>
/// RFC 4180 records streamed off a reader (quoted fields with "" for a quote and line breaks inside; CRLF, LF or CR
/// between records), with the line each starts on. Fields and records are bounded, so a hostile file cannot grow memory.
/// Cells are text and stay text: nothing here (or later) evaluates a formula.
/// </summary>
public sealed class CsvRecords(TextReader reader)
{
    private readonly char[] _buffer = new char[64 * 1024];
    private int _position;
    private int _length;
    private long _line = 1;

    /// <summary>The next record and the line it starts on, or null at the end of the file.</summary>
    public async Task<(long Line, List<string> Fields)?> NextAsync(CancellationToken ct)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var startLine = _line;
        var quoted = false;
        var atFieldStart = true;
        var any = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = await reader.ReadAsync(_buffer.AsMemory(), ct);
                _position = 0;
                if (_length == 0)
                {
                    if (quoted)
                    {
                        throw new ImportFileException($"The file ends inside a quoted field that starts on line {startLine}.");
                    }

                    if (!any)
                    {
                        return null;
                    }

                    fields.Add(field.ToString());
                    return (startLine, fields);
                }
            }

            var c = _buffer[_position++];
            any = true;
            if (quoted)
            {
                if (c == '"')
                {
                    if (await PeekAsync(ct) == '"')
                    {
                        _position++;
                        Append(field, '"', startLine);
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n' || (c == '\r' && await PeekAsync(ct) != '\n'))
                    {
                        _line++;
                    }

                    Append(field, c, startLine);
                }

                continue;
            }

            switch (c)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    break;
                case ',':
                    AddField(fields, field, startLine);
                    atFieldStart = true;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && await PeekAsync(ct) == '\n')
                    {
                        _position++;
                    }

                    _line++;
                    AddField(fields, field, startLine);
                    return (startLine, fields);
                default:
                    Append(field, c, startLine);
                    atFieldStart = false;
                    break;
            }
        }
    }

    private async Task<int> PeekAsync(CancellationToken ct)
    {
        if (_position == _length)
        {
            _length = await reader.ReadAsync(_buffer.AsMemory(), ct);
            _position = 0;
            if (_length == 0)
            {
                return -1;
            }
        }

        return _buffer[_position];
    }

    private static void Append(StringBuilder field, char c, long line)
    {
        if (field.Length >= ImportRules.MaxFieldChars)
        {
            throw new ImportFileException($"A field of the record on line {line} is longer than {ImportRules.MaxFieldChars} characters.");
        }

        field.Append(c);
    }

    private static void AddField(List<string> fields, StringBuilder field, long line)
    {
        if (fields.Count >= ImportRules.MaxColumns)
        {
            throw new ImportFileException($"The record on line {line} has more than {ImportRules.MaxColumns} columns.");
        }

        fields.Add(field.ToString());
        field.Clear();
    }
}
