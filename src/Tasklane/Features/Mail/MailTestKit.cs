using System.Text.Json;
using System.Text.RegularExpressions;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Mail;

/// <summary>
/// Reads the mail the run's maildev caught (its REST API, <c>GET /api/email</c>). Every test mails its own fresh
/// addresses and picks its mail by recipient, so tests running side by side never need to empty the inbox.
/// </summary>
public static partial class MailTestKit
{
    private static readonly HttpClient Http = new();

    private static Uri Inbox =>
        new(
            (
                TestEnvironment.Services.Configuration.TryGetValue("MailDev:Url", out var url) && url is not null
                    ? url
                    : throw new InvalidOperationException("No maildev in this run (MailDev:Url): the local services start it.")
            ).TrimEnd('/') + "/api/email"
        );

    /// <summary>Every mail caught for <paramref name="address"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<JsonElement>> MailsToAsync(string address)
    {
        var all = await Http.GetFromJsonAsync<JsonElement>(Inbox);
        return all.EnumerateArray()
            .Where(m =>
                m.GetProperty("to")
                    .EnumerateArray()
                    .Any(t => string.Equals(t.GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase))
            )
            .ToList();
    }

    /// <summary>Waits until <paramref name="count"/> mails to <paramref name="address"/> arrived; returns them all.</summary>
    public static async Task<IReadOnlyList<JsonElement>> WaitForMailsAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        var mails = await ApiClient.EventuallyAsync(
            () => MailsToAsync(address),
            m => m.Count >= count,
            timeout ?? TimeSpan.FromSeconds(20)
        );
        if (mails.Count < count)
        {
            throw new TimeoutException($"{mails.Count} of {count} mails to {address} arrived.");
        }

        return mails;
    }

    /// <summary>The one mail to <paramref name="address"/>, once it arrived.</summary>
    public static async Task<JsonElement> WaitForMailAsync(string address) => (await WaitForMailsAsync(address))[^1];

    /// <summary>The mail exactly as the SMTP server received it (maildev's <c>…/source</c>), headers included.</summary>
    public static async Task<MimeKit.MimeMessage> SourceAsync(JsonElement mail)
    {
        var id = mail.GetProperty("id").GetString();
        await using var source = await Http.GetStreamAsync(new Uri($"{Inbox}/{id}/source"));
        using var buffer = new MemoryStream();
        await source.CopyToAsync(buffer);
        buffer.Position = 0;
        return await MimeKit.MimeMessage.LoadAsync(buffer);
    }

    /// <summary>The link in a mail's plain text that starts with <paramref name="path"/> (after the public base URL).</summary>
    public static string LinkIn(JsonElement mail, string path)
    {
        var text = mail.GetProperty("text").GetString()!;
        var link = text.Split('\n')
            .Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith("http://tasklane.test" + path, StringComparison.Ordinal));
        return link ?? throw new InvalidOperationException($"No {path} link in: {text}");
    }

    /// <summary>The token in the fragment of the mail's <paramref name="path"/> link (<c>…#token=…</c>).</summary>
    public static string TokenIn(JsonElement mail, string path) =>
        Uri.UnescapeDataString(TokenFragment().Match(LinkIn(mail, path)).Groups[1].Value);

    [GeneratedRegex("#token=([^&\\s]+)")]
    private static partial Regex TokenFragment();
}
