namespace Tasklane.Web.Services;

/// <summary>
/// The token of a mailed link (<c>…#token=…</c>). It travels in the fragment, which the browser sends to no server; the
/// page reads it from its own address.
/// </summary>
public static class LinkToken
{
    public static string? From(string uri)
    {
        var fragment = new Uri(uri).Fragment;
        const string prefix = "#token=";
        return fragment.StartsWith(prefix, StringComparison.Ordinal) && fragment.Length > prefix.Length
            ? Uri.UnescapeDataString(fragment[prefix.Length..])
            : null;
    }
}
