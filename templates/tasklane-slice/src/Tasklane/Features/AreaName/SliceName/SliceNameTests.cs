using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.AreaName.SliceName;

/// <summary>
/// Generated with the slice; they pass against the stub as generated (the route is found, the SQL runs, the
/// caller is authenticated). Workflow: first rewrite the TODO expectations to the behaviour you want (they
/// then fail against the stub), then implement SliceNameEndpoint until they pass.
/// </summary>
public class SliceNameTests
{
    [Test]
    public async Task Answers_a_signed_in_caller()
    {
        var client = await ApiClient.SignUpAsync();

        var body = await client.GetAsync("area-route/slice-route");

        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("callerId").GetGuid(), Is.EqualTo(client.UserId));
            // TODO(SliceName): replace the stub's answer with the behaviour you want; this fails until you build it.
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("todo: SliceName"));
        });
    }

    [Test]
    public async Task Needs_a_token()
    {
        using var response = await ApiClient.Anonymous().GetAsync("area-route/slice-route");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public void Decision_is_pure()
    {
        var caller = Guid.CreateVersion7();

        // TODO(SliceName): unit-test the rules you put into SliceNameDecision.
        Assert.That(SliceNameDecision.Decide(caller), Is.EqualTo(new SliceNameResponse(caller, "todo: SliceName")));
    }
}
