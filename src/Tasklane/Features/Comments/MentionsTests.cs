using NUnit.Framework;

namespace Tasklane.Features.Comments;

public class MentionsTests
{
    [TestCase("Hi @ann@example.com, please look", new[] { "ANN@EXAMPLE.COM" })]
    [TestCase("@ann@example.com.", new[] { "ANN@EXAMPLE.COM" })]
    [TestCase("(@Ann.Lee+x@Mail.Example.org) and @bob@example.com!", new[] { "ANN.LEE+X@MAIL.EXAMPLE.ORG", "BOB@EXAMPLE.COM" })]
    [TestCase("@ann@example.com @ANN@example.com", new[] { "ANN@EXAMPLE.COM" })]
    [TestCase("mail ann@example.com directly", new string[0])]
    [TestCase("x@ann@example.com is glued to a word", new string[0])]
    [TestCase("@ann without a domain, @ann@localhost", new string[0])]
    [TestCase("", new string[0])]
    public void Parses_at_email_mentions_normalised_and_distinct(string body, string[] expected)
    {
        Assert.That(Mentions.Parse(body), Is.EqualTo(expected));
    }

    [Test]
    public void At_most_fifty_addresses_count()
    {
        var body = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"@u{i}@example.com"));

        var parsed = Mentions.Parse(body);

        Assert.That(parsed, Has.Count.EqualTo(Mentions.Max));
        Assert.That(parsed[0], Is.EqualTo("U0@EXAMPLE.COM"));
    }
}
