using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Tasklane.Web.Services;

/// <summary>
/// The one place markdown (task descriptions, comments) becomes HTML, and HTML that cannot run script: Markdig with raw HTML
/// turned off (a <c>&lt;script&gt;</c> or <c>&lt;img onerror&gt;</c> is shown as the text it is), and every link and image
/// checked against an allow-list of URL schemes on the parsed document before it is written. A link or image whose URL is not
/// http, https, mailto or relative (<c>javascript:</c>, <c>data:</c>, <c>vbscript:</c>…) is dropped and its text kept. No HTML
/// sanitiser: with no raw HTML in the output and the URLs checked, there is nothing left for one to remove, and it would add
/// about a megabyte to the first load.
/// </summary>
public static class MarkdownRenderer
{
    /// <summary>Links leave the app without the page's reference, its window, or the app's endorsement for search engines.</summary>
    public const string LinkRel = "noopener noreferrer nofollow";

    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    // No GenericAttributes (UseAdvancedExtensions has it): "{onclick=…}" after a paragraph would become an attribute.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    /// <summary>The HTML for <paramref name="markdown"/>; empty for null or blank text.</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, Pipeline);
        Clean(document);
        return document.ToHtml(Pipeline);
    }

    /// <summary>Whether a link or image may point at <paramref name="url"/>: http, https, mailto, or no scheme (this site).</summary>
    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        // Browsers ignore ASCII whitespace and control characters in a URL's scheme ("java\tscript:"): so does the check.
        var plain = string.Concat(url.Where(c => c > ' '));
        var colon = plain.IndexOf(':', StringComparison.Ordinal);
        var path = plain.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (path >= 0 && path < colon))
        {
            return true; // relative: "/t/…", "notes.png", "#top", "//host/…" (the page's own scheme)
        }

        return AllowedSchemes.Contains(plain[..colon].ToLowerInvariant());
    }

    private static void Clean(MarkdownDocument document)
    {
        // The page has its h1 and h2s: a "# Heading" in a comment is a heading within it.
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(heading.Level + 2, 6);
        }

        // Collected first: the walk must not see the tree it changes.
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var url = link.GetDynamicUrl?.Invoke() ?? link.Url;
            link.GetDynamicUrl = null;
            if (IsAllowed(url))
            {
                link.Url = url;
                if (!link.IsImage)
                {
                    link.GetAttributes().AddProperty("rel", LinkRel);
                }
            }
            else
            {
                // The link's text (an image's alt text) stays, as text.
                link.ReplaceBy(new LiteralInline(""), copyChildren: true);
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (autolink.IsEmail || IsAllowed(autolink.Url))
            {
                autolink.GetAttributes().AddProperty("rel", LinkRel);
            }
            else
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }
    }
}
