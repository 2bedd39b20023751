using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Workspaces.CreateWorkspace;

public class CreateWorkspaceTests
{
    [Test]
    public async Task The_creator_becomes_owner()
    {
        var client = await ApiClient.SignUpAsync();

        var response = await client.Http.PostAsJsonAsync("workspaces", new { name = "  Acme  " });
        var workspace = await ApiClient.Send(client.Http, HttpMethod.Get, "workspaces", null, HttpStatusCode.OK);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(response.Headers.Location?.ToString(), Does.StartWith("/api/v1/workspaces/"));
        var item = workspace.GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(item.GetProperty("name").GetString(), Is.EqualTo("Acme"));
            Assert.That(item.GetProperty("role").GetString(), Is.EqualTo("owner"));
        });
    }

    [TestCase("{}")]
    [TestCase("{\"name\":\"   \"}")]
    [TestCase("{\"name\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}")]
    public async Task A_missing_blank_or_long_name_is_refused(string body)
    {
        var client = await ApiClient.SignUpAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, "workspaces", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "name");
    }
}
