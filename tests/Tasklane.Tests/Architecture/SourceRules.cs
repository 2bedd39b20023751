using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tasklane.Tests.Architecture;

/// <summary>
/// Rules about source text, which a compiled assembly no longer shows: what string literals say, which files hold
/// tests, what .sql files do to a connection. C# is read with Roslyn's parser.
/// </summary>
public static partial class SourceRules
{
    private static readonly HashSet<string> TestAttributes = ["Test", "TestCase", "TestCaseSource", "Theory"];

    /// <summary>
    /// The string literals of C# source with their line numbers: plain, verbatim, raw and UTF-8 literals, and the text
    /// parts of interpolated strings joined by a space where the holes were. Comments and char literals are not strings.
    /// </summary>
    public static IEnumerable<(int Line, string Text)> StringLiterals(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        foreach (var node in root.DescendantNodes())
        {
            var text = node switch
            {
                LiteralExpressionSyntax literal
                    when literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.Utf8StringLiteralExpression) =>
                    literal.Token.ValueText,
                InterpolatedStringExpressionSyntax interpolated => string.Join(
                    " ",
                    interpolated.Contents.OfType<InterpolatedStringTextSyntax>().Select(t => t.TextToken.ValueText)
                ),
                _ => null,
            };
            if (text is not null)
            {
                yield return (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1, text);
            }
        }
    }

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
        @"\bselect\b[\s\S]*\bfrom\b|\binsert\s+into\b|\bdelete\s+from\b|\bupdate\s+[\w.""]+\s+set\b|\bon\s+conflict\b|@[a-z_]\w*::|(=|<|>|\bis|\bin|\band|\bor)\s*\(?\s*@[a-z_]\w*"
    )]
    private static partial Regex Sql();

    /// <summary>A folder with a <c>*Tests.cs</c> holding at least one NUnit test method.</summary>
    public static bool HasTests(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*Tests.cs").Any(file => HasTestMethod(File.ReadAllText(file)));

    /// <summary>
    /// Whether C# source declares a method with <c>[Test]</c>, <c>[TestCase]</c>, <c>[TestCaseSource]</c> or <c>[Theory]</c>.
    /// </summary>
    public static bool HasTestMethod(string source) =>
        CSharpSyntaxTree
            .ParseText(source)
            .GetRoot()
            .DescendantNodes()
            .OfType<MethodDeclarationSyntax>()
            .SelectMany(m => m.AttributeLists.SelectMany(l => l.Attributes))
            .Select(a =>
                a.Name switch
                {
                    QualifiedNameSyntax q => q.Right.Identifier.ValueText,
                    SimpleNameSyntax s => s.Identifier.ValueText,
                    var n => n.ToString(),
                }
            )
            .Any(name =>
                TestAttributes.Contains(name)
                || (name.EndsWith("Attribute", StringComparison.Ordinal) && TestAttributes.Contains(name[..^"Attribute".Length]))
            );

    /// <summary>
    /// The statements of a .sql file that leave session state on a pooled connection: connections go back to the pool
    /// without a reset (<c>No Reset On Close</c>), so only <c>set local</c> and <c>set transaction</c>,
    /// transaction-scoped advisory locks, and no LISTEN.
    /// </summary>
    public static IEnumerable<string> SessionState(string sql) =>
        from statement in LineComment().Replace(sql, "").Split(';')
        let trimmed = statement.Trim()
        where SessionStatement().IsMatch(trimmed) || SessionCall().IsMatch(trimmed)
        select trimmed.Split('\n')[0];

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();

    /// <summary>A statement that starts a session setting, prepares a statement, listens, or creates a temporary table.</summary>
    [GeneratedRegex(@"^(set\s+(?!local\b|transaction\b)|reset\b|listen\b|prepare\b|create\s+temp)", RegexOptions.IgnoreCase)]
    private static partial Regex SessionStatement();

    /// <summary>A call that takes a session lock or sets a setting for the session.</summary>
    [GeneratedRegex(@"pg_advisory_lock(_shared)?\s*\(|set_config\s*\([^)]*false\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex SessionCall();
}
