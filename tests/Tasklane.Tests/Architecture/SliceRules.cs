using System.Text;
using System.Text.RegularExpressions;

namespace Tasklane.Tests.Architecture;

/// <summary>The rules the architecture tests enforce, as pure functions so they can be tested on their own.</summary>
public static partial class SliceRules
{
    private const string Features = "Tasklane.Features.";

    /// <summary>
    /// A slice's own types (namespace <c>Tasklane.Features.&lt;Area&gt;.&lt;Slice&gt;…</c>) may be used only inside
    /// their area (<c>Tasklane.Features.&lt;Area&gt;…</c>). Area-level types (<c>Tasklane.Features.&lt;Area&gt;</c>:
    /// events, responses, shared helpers) and Infrastructure are for everyone.
    /// </summary>
    public static bool Violates(string userNamespace, string usedNamespace)
    {
        if (!usedNamespace.StartsWith(Features, StringComparison.Ordinal))
        {
            return false;
        }

        var used = usedNamespace[Features.Length..].Split('.');
        if (used.Length < 2)
        {
            return false;
        }

        var area = Features + used[0];
        return userNamespace != area && !userNamespace.StartsWith(area + ".", StringComparison.Ordinal);
    }

    /// <summary>
    /// String literals in C# source with their line numbers; comments and char literals are skipped. Interpolated
    /// strings are read as text (a literal nested in a hole may split one in two: harmless for these checks).
    /// </summary>
    public static IEnumerable<(int Line, string Text)> StringLiterals(string source)
    {
        var i = 0;
        var line = 1;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (c == '/' && At(source, i + 1, '/'))
            {
                while (i < source.Length && source[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && At(source, i + 1, '*'))
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? source.Length : end + 2;
                line += source.AsSpan(i, end - i).Count('\n');
                i = end;
            }
            else if (c == '\'')
            {
                i++;
                while (i < source.Length && source[i] != '\'')
                {
                    i += source[i] == '\\' ? 2 : 1;
                }

                i++;
            }
            else if (c == '"' || ((c == '@' || c == '$') && LiteralStart(source, i) is > 0))
            {
                var start = line;
                var prefix = c == '"' ? 0 : LiteralStart(source, i);
                var verbatim = source.AsSpan(i, prefix).Contains('@');
                i += prefix;
                var quotes = 0;
                while (At(source, i + quotes, '"'))
                {
                    quotes++;
                }

                var text = new StringBuilder();
                if (quotes >= 3)
                {
                    // Raw string literal: ends at the same number of quotes.
                    var fence = new string('"', quotes);
                    var end = source.IndexOf(fence, i + quotes, StringComparison.Ordinal);
                    end = end < 0 ? source.Length : end;
                    text.Append(source, i + quotes, end - i - quotes);
                    i = end + quotes;
                }
                else
                {
                    i++;
                    while (i < source.Length)
                    {
                        var ch = source[i];
                        if (ch == '"')
                        {
                            if (verbatim && At(source, i + 1, '"'))
                            {
                                text.Append('"');
                                i += 2;
                                continue;
                            }

                            break;
                        }

                        if (!verbatim && ch == '\\' && i + 1 < source.Length)
                        {
                            text.Append(source[i + 1]);
                            i += 2;
                            continue;
                        }

                        text.Append(ch);
                        i++;
                    }

                    i++;
                }

                line += text.ToString().Count(ch => ch == '\n');
                yield return (start, text.ToString());
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>Length of a string prefix (@, $, $@, @$, $$…) at <paramref name="i"/> followed by a quote, else 0.</summary>
    private static int LiteralStart(string source, int i)
    {
        var j = i;
        while (j < source.Length && source[j] is '@' or '$')
        {
            j++;
        }

        return At(source, j, '"') ? j - i : 0;
    }

    private static bool At(string source, int i, char c) => i < source.Length && source[i] == c;

    /// <summary>A slice folder with a <c>*Tests.cs</c> holding at least one NUnit test.</summary>
    public static bool HasTests(string folder) =>
        Directory.Exists(folder)
        && Directory.EnumerateFiles(folder, "*Tests.cs").Any(f => TestAttribute().IsMatch(File.ReadAllText(f)));

    [GeneratedRegex(@"\[(Test|TestCase|TestCaseSource|Theory)\b")]
    private static partial Regex TestAttribute();

    /// <summary>
    /// Whether a literal reads as SQL: a statement, an upsert, or a Dapper parameter in a predicate. Keywords match
    /// in lower case (the project's SQL style) or in upper case, not capitalised, so that a message such as
    /// "Select a file from the list" is not taken for a query.
    /// </summary>
    public static bool LooksLikeSql(string literal) =>
        Sql().IsMatch(literal) || (UpperKeyword().IsMatch(literal) && Sql().IsMatch(literal.ToLowerInvariant()));

    [GeneratedRegex(@"\b(SELECT|INSERT|UPDATE|DELETE|CONFLICT|AND|OR|IS|IN)\b")]
    private static partial Regex UpperKeyword();

    [GeneratedRegex(
        @"\bselect\b[\s\S]*\bfrom\b|\binsert\s+into\b|\bdelete\s+from\b|\bupdate\s+[\w.""]+\s+set\b|\bon\s+conflict\b|@[a-z_]\w*::|(=|<|>|\bis|\bin|\band|\bor)\s*\(?\s*@[a-z_]\w*")]
    private static partial Regex Sql();
}
