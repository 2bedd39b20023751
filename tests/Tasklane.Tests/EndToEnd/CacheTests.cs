using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using StackExchange.Redis;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Caching;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>
/// The hot-record cache across two API hosts on one database and one Redis: whatever host A writes, host B's next
/// read shows, although B had the old record (and the old access facts) in its memory.
/// </summary>
public class CacheTests
{
    [Test]
    public async Task A_task_written_on_host_A_is_read_fresh_on_host_B_at_once()
    {
        var onA = await ApiClient.SignUpAsync();
        var onB = OnB(onA);
        var (_, projectId) = await onA.CreateProjectInNewWorkspaceAsync();
        var taskId = (await onA.CreateTaskAsync(projectId, new { title = "Before" })).GetProperty("id").GetGuid();

        for (var round = 1; round <= 3; round++)
        {
            var cached = await onB.GetAsync($"tasks/{taskId}"); // B holds it now
            await onA.PatchAsync($"tasks/{taskId}", new { title = $"After {round}" });
            var read = await onB.GetAsync($"tasks/{taskId}");
            Assert.Multiple(() =>
            {
                Assert.That(read.GetProperty("title").GetString(), Is.EqualTo($"After {round}"), "no stale read on the other host");
                Assert.That(read.GetProperty("version").GetInt32(), Is.EqualTo(cached.GetProperty("version").GetInt32() + 1));
            });
        }

        await onA.PostAsync($"tasks/{taskId}/move", new { status = "done" }, HttpStatusCode.OK);
        Assert.That((await onB.GetAsync($"tasks/{taskId}")).GetProperty("status").GetString(), Is.EqualTo("done"), "a move too");
    }

    [Test]
    public async Task A_member_removed_or_demoted_on_host_A_loses_access_on_host_B_at_once()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await member.JoinWorkspaceAsync(workspaceId, "member");
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var memberOnB = OnB(member);
        await memberOnB.PatchAsync($"tasks/{taskId}", new { title = "Edited as member" }); // B caches the member's role

        await owner.PatchAsync($"workspaces/{workspaceId}/members/{member.UserId}", new { role = "viewer" });
        using var demoted = await memberOnB.SendRawAsync(HttpMethod.Patch, $"tasks/{taskId}", """{"title":"Edited as viewer"}""");
        await demoted.AssertProblemAsync(HttpStatusCode.Forbidden);

        using var removal = await owner.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/members/{member.UserId}");
        Assert.That(removal.IsSuccessStatusCode, await removal.Content.ReadAsStringAsync());
        using var removed = await memberOnB.SendRawAsync(HttpMethod.Get, $"tasks/{taskId}");
        await removed.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_project_archived_or_deleted_on_host_A_is_read_only_or_gone_on_host_B_at_once()
    {
        var owner = await ApiClient.SignUpAsync();
        var ownerOnB = OnB(owner);
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        await ownerOnB.PatchAsync($"tasks/{taskId}", new { title = "Cached on B" });

        await owner.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK);
        using var archived = await ownerOnB.SendRawAsync(HttpMethod.Patch, $"tasks/{taskId}", """{"title":"While archived"}""");
        await archived.AssertProblemAsync(HttpStatusCode.Conflict);

        await owner.PostAsync($"projects/{projectId}/unarchive", null, HttpStatusCode.OK);
        using var deletion = await owner.SendRawAsync(HttpMethod.Delete, $"projects/{projectId}");
        Assert.That(deletion.IsSuccessStatusCode, await deletion.Content.ReadAsStringAsync());
        using var gone = await ownerOnB.SendRawAsync(HttpMethod.Get, $"tasks/{taskId}");
        await gone.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Deleting_a_label_refreshes_every_task_that_carried_it_on_the_other_host()
    {
        var owner = await ApiClient.SignUpAsync();
        var ownerOnB = OnB(owner);
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var labelId = (await owner.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Doomed", color = "#aa0000" }))
            .GetProperty("id")
            .GetGuid();
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Labelled", labelIds = new[] { labelId } }))
            .GetProperty("id")
            .GetGuid();
        Assert.That((await ownerOnB.GetAsync($"tasks/{taskId}")).GetProperty("labelIds").GetArrayLength(), Is.EqualTo(1));

        using var deletion = await owner.SendRawAsync(HttpMethod.Delete, $"labels/{labelId}");
        Assert.That(deletion.IsSuccessStatusCode, await deletion.Content.ReadAsStringAsync());

        Assert.That((await ownerOnB.GetAsync($"tasks/{taskId}")).GetProperty("labelIds").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Signing_out_on_host_A_ends_the_session_on_host_B_at_once()
    {
        var onA = await ApiClient.SignUpAsync();
        var onB = OnB(onA);
        await onB.GetAsync("me"); // B remembers the session

        using var logout = await onA.SendRawAsync(HttpMethod.Post, "auth/logout");
        Assert.That(logout.IsSuccessStatusCode, await logout.Content.ReadAsStringAsync());

        using var after = await onB.SendRawAsync(HttpMethod.Get, "me");
        await after.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// A read that loaded a row just before a write committed stores it after the write's invalidation (found racing
    /// deletes: a deleted project still answered 200). The invalidation is repeated a moment later, which drops it.
    /// </summary>
    [Test]
    public async Task An_old_row_stored_by_a_read_that_raced_the_invalidation_is_dropped_within_seconds_on_both_hosts()
    {
        var onA = TestEnvironment.Hosts.Api.Services.GetRequiredService<HotCache>();
        var onB = TestEnvironment.HostB.Api.Services.GetRequiredService<HotCache>();
        var key = $"raced-read:{Guid.NewGuid()}";
        var (old, current) = (Guid.NewGuid(), Guid.NewGuid());
        var loaded = new TaskCompletionSource();
        var store = new TaskCompletionSource();

        var read = onA.GetOrCreateAsync<Guid?>(
                key,
                async _ =>
                {
                    loaded.SetResult();
                    await store.Task;
                    return old;
                },
                default
            )
            .AsTask();
        await loaded.Task;
        await onA.InvalidateAsync([key]); // the write commits while the read holds the old row
        store.SetResult();
        Assert.That(await read, Is.EqualTo(old));

        foreach (var cache in new[] { onA, onB })
        {
            var seen = await ApiClient.EventuallyAsync(
                () => cache.GetOrCreateAsync<Guid?>(key, _ => ValueTask.FromResult<Guid?>(current), default).AsTask(),
                v => v == current,
                TimeSpan.FromSeconds(6)
            );
            Assert.That(seen, Is.EqualTo(current), "the old row outlived the invalidation");
        }
    }

    /// <summary>
    /// When A's invalidation returns (and A answers its write), B has dropped its copy: freshness on B does not depend on
    /// Redis pub/sub delivering before the client's next request (failed before: B answered its old copy).
    /// </summary>
    [Test]
    public async Task When_an_invalidation_on_host_A_returns_host_B_has_already_dropped_its_copy()
    {
        var onA = TestEnvironment.Hosts.Api.Services.GetRequiredService<HotCache>();
        var onB = TestEnvironment.HostB.Api.Services.GetRequiredService<HotCache>();
        var redis = TestEnvironment.Hosts.Api.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        for (var round = 1; round <= 20; round++)
        {
            var key = $"confirmed:{Guid.NewGuid()}";
            var (old, current) = (Guid.NewGuid(), Guid.NewGuid());
            await onB.GetOrCreateAsync<Guid?>(key, _ => ValueTask.FromResult<Guid?>(old), default);
            // HybridCache writes Redis in the background: let it land, so only B's memory can still hold the old value.
            await ApiClient.EventuallyAsync(() => redis.KeyExistsAsync("cache:" + key), exists => exists, TimeSpan.FromSeconds(5));

            await onA.InvalidateAsync([key]);
            var read = await onB.GetOrCreateAsync<Guid?>(key, _ => ValueTask.FromResult<Guid?>(current), default);
            Assert.That(read, Is.EqualTo(current), $"round {round}: B read its old copy after A's invalidation returned");
        }
    }

    [Test]
    public async Task Unknown_bearer_tokens_leave_nothing_in_memory_or_Redis_while_a_known_session_is_kept_in_memory()
    {
        var known = await ApiClient.SignUpAsync();
        await known.GetAsync("me");
        var unknown = Enumerable.Range(0, 50).Select(_ => SessionStore.NewToken()).ToList();
        using var http = ApiClient.Anonymous();
        foreach (var token in unknown)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        // The host's memory (HybridCache's L1) and Redis (L2), asked for exactly the keys these tokens would have.
        var memory = TestEnvironment.Hosts.Api.Services.GetRequiredService<IMemoryCache>();
        var redis = TestEnvironment.Hosts.Api.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var keys = unknown.Select(t => CacheKeys.Session(SessionStore.Hash(t))).ToList();
        var inMemory = keys.Count(k => memory.TryGetValue(k, out _));
        var inRedis = 0;
        foreach (var key in keys)
        {
            inRedis += await redis.KeyExistsAsync("cache:" + key) ? 1 : 0;
        }

        Assert.Multiple(() =>
        {
            Assert.That(inMemory, Is.Zero, "unknown tokens in the host's memory");
            Assert.That(inRedis, Is.Zero, "unknown tokens in Redis");
            Assert.That(
                memory.TryGetValue(CacheKeys.Session(SessionStore.Hash(known.Token)), out _),
                Is.True,
                "a known session is answered from memory"
            );
        });
    }

    /// <summary>The regression of a cross-tenant read: a null role cached on A came back on B as "", a role that could read.</summary>
    [Test]
    public async Task A_null_cached_on_host_A_is_null_on_host_B_for_every_cached_type()
    {
        await AssertNullRoundTripsAsync<MemberFacts?>();
        await AssertNullRoundTripsAsync<ProjectState?>();
        await AssertNullRoundTripsAsync<TaskHome?>();
        await AssertNullRoundTripsAsync<TaskResponse?>();
        await AssertNullRoundTripsAsync<Guid?>();
        var onA = TestEnvironment.Hosts.Api.Services.GetRequiredService<HotCache>();
        Assert.ThrowsAsync<NotSupportedException>(async () =>
            await onA.GetOrCreateAsync("strings:" + Guid.NewGuid(), _ => ValueTask.FromResult<string>(null!), default)
        );
    }

    private static async Task AssertNullRoundTripsAsync<T>()
    {
        var onA = TestEnvironment.Hosts.Api.Services.GetRequiredService<HotCache>();
        var onB = TestEnvironment.HostB.Api.Services.GetRequiredService<HotCache>();
        var key = $"null-round-trip:{typeof(T).Name}:{Guid.NewGuid()}";

        var loadedOnA = await onA.GetOrCreateAsync(key, _ => ValueTask.FromResult(default(T)), default);
        // HybridCache writes Redis in the background once the value is loaded.
        var redis = TestEnvironment.Hosts.Api.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase();
        var inRedis = await ApiClient.EventuallyAsync(
            () => redis.KeyExistsAsync("cache:" + key),
            exists => exists,
            TimeSpan.FromSeconds(5)
        );
        var loadedAgainOnB = false;
        var readOnB = await onB.GetOrCreateAsync(
            key,
            _ =>
            {
                loadedAgainOnB = true;
                return ValueTask.FromResult(default(T));
            },
            default
        );

        Assert.Multiple(() =>
        {
            Assert.That(loadedOnA, Is.Null);
            Assert.That(inRedis, Is.True, $"{typeof(T)}: A stored its null in Redis");
            Assert.That(loadedAgainOnB, Is.False, $"{typeof(T)}: B read A's entry from Redis");
            Assert.That(readOnB, Is.Null, $"{typeof(T)}: a cached null is still null on the other host");
        });
    }

    private static ApiClient OnB(ApiClient user) => user.Via(TestEnvironment.HostB.CreateClient());
}
