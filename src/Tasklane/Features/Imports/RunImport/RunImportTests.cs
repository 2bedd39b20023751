using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Imports.ImportTestKit;

namespace Tasklane.Features.Imports.RunImport;

public class RunImportTests
{
    private const int TaskCount = 300;

    /// <summary>The size of the round trip at scale: a project a team would really move.</summary>
    private const int LargeTaskCount = 60_000;

    private static readonly TimeSpan LargePatience = TimeSpan.FromMinutes(5);

    [Test]
    public async Task Sub_tasks_nest_as_the_file_says_down_to_the_deepest_level_and_a_cycle_stays_top_level()
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        // Level 0 to 6 in a chain (the default limit is 5 levels below a top-level task), and two rows parent to each other.
        var csv = new StringBuilder("id,title,parent_id\r\n");
        for (var level = 0; level <= 6; level++)
        {
            csv.Append($"L{level},Level {level},{(level == 0 ? "" : $"L{level - 1}")}\r\n");
        }

        csv.Append("X,Ex,Y\r\nY,Why,X\r\n");

        var finished = await ImportAsync(owner, workspaceId, "csv", csv.ToString());

        Assert.That(finished.GetProperty("status").GetString(), Is.EqualTo("succeeded"), finished.ToString());
        var tasks = (await TasksAsync(owner, finished.GetProperty("projectId").GetGuid())).ToDictionary(t =>
            t.GetProperty("title").GetString()!
        );
        Guid? Parent(string title) => tasks[title].GetProperty("parentId") is { ValueKind: JsonValueKind.String } p ? p.GetGuid() : null;
        Guid Id(string title) => tasks[title].GetProperty("id").GetGuid();
        Assert.Multiple(() =>
        {
            Assert.That(Parent("Level 0"), Is.Null);
            for (var level = 1; level <= 5; level++)
            {
                Assert.That(Parent($"Level {level}"), Is.EqualTo(Id($"Level {level - 1}")), $"level {level}");
            }

            Assert.That(Parent("Level 6"), Is.Null, "deeper than the limit");
            Assert.That(Parent("Ex"), Is.Null, "a cycle");
            Assert.That(Parent("Why"), Is.Null, "a cycle");
            Assert.That(tasks["Level 4"].GetProperty("subTaskCount").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_export_imported_into_another_workspace_exports_again_to_the_same_content()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (sourceWorkspace, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await member.JoinWorkspaceAsync(sourceWorkspace, "member");
        var backend = (await owner.PostAsync($"workspaces/{sourceWorkspace}/labels", new { name = "Backend", color = "#112233" }))
            .GetProperty("id")
            .GetGuid();
        var docs = (await owner.PostAsync($"workspaces/{sourceWorkspace}/labels", new { name = "Docs", color = "#aabbcc" }))
            .GetProperty("id")
            .GetGuid();
        await owner.PostAsync($"workspaces/{sourceWorkspace}/labels", new { name = "Unused", color = "#010203" });
        string[] statuses = ["todo", "in_progress", "done"];
        string[] priorities = ["low", "normal", "high", "urgent"];
        Guid? parent = null;
        for (var i = 0; i < TaskCount; i++)
        {
            var task = await owner.CreateTaskAsync(
                projectId,
                new
                {
                    title = $"Task {i} \"quoted\" ünïcode",
                    description = i % 3 == 0 ? $"Line one\nline two of {i}" : null,
                    status = statuses[i % 3],
                    priority = priorities[i % 4],
                    dueAt = i % 5 == 0 ? $"2031-0{1 + i % 9}-1{i % 10}T10:00:00Z" : null,
                    startAt = i % 5 == 0 ? "2030-12-01T08:00:00Z" : null,
                    estimate = i % 7 == 0 ? i * 10 : (int?)null,
                    assigneeIds = i % 4 == 0 ? new[] { owner.UserId, member.UserId }
                    : i % 4 == 1 ? new[] { member.UserId }
                    : Array.Empty<Guid>(),
                    labelIds = i % 6 == 0 ? new[] { backend, docs }
                    : i % 6 == 1 ? new[] { docs }
                    : Array.Empty<Guid>(),
                    parentId = i % 10 > 0 && i % 10 < 3 ? parent : null,
                }
            );
            var id = task.GetProperty("id").GetGuid();
            if (i % 10 == 0)
            {
                parent = id;
            }

            if (i % 25 == 0)
            {
                await owner.PostAsync($"tasks/{id}/comments", new { body = $"Comment on {i}" });
                await member.PostAsync($"tasks/{id}/comments", new { body = "A reply\nwith two lines" });
            }
        }

        var original = await ExportAsync(owner, projectId);
        var targetWorkspace = await owner.CreateWorkspaceAsync();
        await member.JoinWorkspaceAsync(targetWorkspace, "member");
        var import = await ImportAsync(owner, targetWorkspace, "tasklane", original);
        Assert.That(import.GetProperty("status").GetString(), Is.EqualTo("succeeded"), import.ToString());
        var copy = await ExportAsync(owner, import.GetProperty("projectId").GetGuid());

        Assert.Multiple(() =>
        {
            Assert.That(import.GetProperty("processed").GetInt64(), Is.EqualTo(TaskCount));
            Assert.That(import.GetProperty("created").GetInt64(), Is.EqualTo(TaskCount));
            Assert.That(import.GetProperty("preview").GetProperty("subTasks").GetInt64(), Is.EqualTo(TaskCount / 10 * 2));
            Assert.That(import.GetProperty("preview").GetProperty("comments").GetInt64(), Is.EqualTo(TaskCount / 25 * 2));
            Assert.That(import.GetProperty("preview").GetProperty("labels").GetInt64(), Is.EqualTo(3));
            Assert.That(import.GetProperty("errors").GetArrayLength(), Is.Zero);
            Assert.That(Normalized(copy), Is.EqualTo(Normalized(original)));
        });
    }

    [Test]
    public async Task A_60000_task_export_imported_into_another_workspace_exports_again_to_the_same_content()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await SeedAsync(projectId, owner.UserId);

        var original = await ExportAsync(owner, projectId, LargePatience);
        var targetWorkspace = await owner.CreateWorkspaceAsync();
        var import = await ImportAsync(owner, targetWorkspace, "tasklane", original, timeout: LargePatience);
        Assert.That(import.GetProperty("status").GetString(), Is.EqualTo("succeeded"), import.ToString());
        var copy = await ExportAsync(owner, import.GetProperty("projectId").GetGuid(), LargePatience);

        Assert.Multiple(() =>
        {
            Assert.That(import.GetProperty("created").GetInt64(), Is.EqualTo(LargeTaskCount));
            Assert.That(import.GetProperty("preview").GetProperty("subTasks").GetInt64(), Is.EqualTo(LargeTaskCount / 10 * 2));
            Assert.That(Normalized(copy), Is.EqualTo(Normalized(original)));
        });
    }

    /// <summary>
    /// <see cref="LargeTaskCount"/> tasks written straight into the database (the API would take minutes): every status and
    /// priority, descriptions with line breaks, due dates, estimates, and two sub-tasks under every tenth task.
    /// </summary>
    private static async Task SeedAsync(Guid projectId, Guid userId)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        await connection.OpenAsync();
        await using var seed = new NpgsqlCommand(
            """
            insert into tasks (id, workspace_id, project_id, title, description, status, priority, position, due_at, estimate,
                               created_by, created_at, updated_at)
            select gen_random_uuid(), p.workspace_id, p.id, 'Task ' || n || ' "quoted" ünïcode',
                   case when n % 3 = 0 then 'Line one' || chr(10) || 'line two of ' || n end,
                   (array['todo', 'in_progress', 'done'])[1 + n % 3], (array['low', 'normal', 'high', 'urgent'])[1 + n % 4], n,
                   case when n % 5 = 0 then timestamptz '2031-01-01 10:00Z' + n * interval '1 minute' end,
                   case when n % 7 = 0 then n * 10 end,
                   @user, now(), now()
            from projects p, generate_series(0, @count - 1) n
            where p.id = @project;
            -- Fresh statistics: without them the planner may walk another index of the project per row (minutes at 60k).
            analyze task_rows;
            update tasks c set parent_id = p.id
            from tasks p
            where c.project_id = @project and p.project_id = @project
              and mod(c.position::int, 10) in (1, 2) and p.position = c.position - mod(c.position::int, 10);
            """,
            connection
        );
        seed.Parameters.AddWithValue("project", projectId);
        seed.Parameters.AddWithValue("user", userId);
        seed.Parameters.AddWithValue("count", LargeTaskCount);
        seed.CommandTimeout = 300;
        await seed.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task A_jira_csv_export_imports_with_its_statuses_priorities_labels_sub_tasks_and_comments()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await member.JoinWorkspaceAsync(workspaceId, "member");
        // The columns of Jira's "Export Excel CSV (all fields)", abridged: labels and comments repeat their column.
        var csv =
            "Summary,Issue key,Issue id,Issue Type,Status,Priority,Resolution,Assignee,Reporter,Created,Updated,Due Date,Labels,Labels,Description,Parent id,Comment,Comment\r\n"
            + $"Launch the website,WEB-1,10001,Epic,In Progress,Highest,,{member.Email},Ann Smith,12/Mar/24 9:05 AM,14/Mar/24 3:15 PM,30/Apr/24 12:00 AM,launch,marketing,\"The whole launch, end to end.\nSee the plan.\",,\"13/Mar/24 10:00 AM;{member.Email};Kick-off done\",\"13/Mar/24 11:30 AM;557058:f1e2d3;Agreed\"\r\n"
            + "Write the copy,WEB-2,10002,Sub-task,To Do,Medium,,,Ann Smith,12/Mar/24 9:10 AM,12/Mar/24 9:10 AM,,marketing,,,10001,,\r\n"
            + "Fix the header,WEB-3,10003,Sub-task,Done,Low,Done,Bob Jones,Ann Smith,12/Mar/24 9:12 AM,13/Mar/24 9:12 AM,,,,,10001,,\r\n"
            + "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",WEB-4,10004,Bug,Blocked,Major,,,Ann Smith,15/Mar/24 1:00 PM,15/Mar/24 1:00 PM,,,,@SUM(A1:A9),,,\r\n"
            + "Review analytics,WEB-5,10005,Task,In Review,Lowest,,,Ann Smith,16/Mar/24 4:45 PM,16/Mar/24 4:45 PM,,,,+1 to this,,,\r\n";

        var import = await ImportAsync(
            owner,
            workspaceId,
            "jira",
            csv,
            new { mapping = new { users = new Dictionary<string, string> { ["557058:f1e2d3"] = owner.Email } } }
        );
        Assert.That(import.GetProperty("status").GetString(), Is.EqualTo("succeeded"), import.ToString());
        var projectId = import.GetProperty("projectId").GetGuid();
        var tasks = (await TasksAsync(owner, projectId)).ToDictionary(t => t.GetProperty("title").GetString()!);
        var labels = (await owner.GetAsync($"workspaces/{workspaceId}/labels"))
            .GetProperty("items")
            .EnumerateArray()
            .ToDictionary(l => l.GetProperty("id").GetGuid(), l => l.GetProperty("name").GetString());
        var epic = tasks["Launch the website"];
        var comments = (await owner.GetAsync($"tasks/{epic.GetProperty("id").GetGuid()}/comments"))
            .GetProperty("items")
            .EnumerateArray()
            .ToList();
        var preview = import.GetProperty("preview");
        var formula = tasks["=HYPERLINK(\"http://evil.example\",\"click\")"];

        Assert.Multiple(() =>
        {
            Assert.That(tasks, Has.Count.EqualTo(5));
            Assert.That(preview.GetProperty("tasks").GetInt64(), Is.EqualTo(5));
            Assert.That(preview.GetProperty("subTasks").GetInt64(), Is.EqualTo(2));
            Assert.That(preview.GetProperty("comments").GetInt64(), Is.EqualTo(2));
            Assert.That(preview.GetProperty("labels").GetInt64(), Is.EqualTo(2));
            Assert.That(
                preview.GetProperty("unmappedUsers").EnumerateArray().Select(u => u.GetProperty("name").GetString()),
                Is.EqualTo(new[] { "Bob Jones" })
            );
            Assert.That(
                preview.GetProperty("unmappedStatuses").EnumerateArray().Select(u => u.GetProperty("name").GetString()),
                Is.EqualTo(new[] { "Blocked" })
            );
            Assert.That(epic.GetProperty("status").GetString(), Is.EqualTo("in_progress"));
            Assert.That(epic.GetProperty("priority").GetString(), Is.EqualTo("urgent"));
            Assert.That(epic.GetProperty("assigneeIds").EnumerateArray().Select(a => a.GetGuid()), Is.EqualTo(new[] { member.UserId }));
            Assert.That(
                epic.GetProperty("labelIds").EnumerateArray().Select(l => labels[l.GetGuid()]),
                Is.EquivalentTo(new[] { "launch", "marketing" })
            );
            Assert.That(epic.GetProperty("description").GetString(), Is.EqualTo("The whole launch, end to end.\nSee the plan."));
            Assert.That(epic.GetProperty("dueAt").GetDateTime(), Is.EqualTo(new DateTime(2024, 4, 30, 0, 0, 0, DateTimeKind.Utc)));
            Assert.That(epic.GetProperty("createdAt").GetDateTime(), Is.EqualTo(new DateTime(2024, 3, 12, 9, 5, 0, DateTimeKind.Utc)));
            Assert.That(comments.Select(c => c.GetProperty("body").GetString()), Is.EqualTo(new[] { "Kick-off done", "Agreed" }));
            Assert.That(comments.Select(c => c.GetProperty("authorId").GetGuid()), Is.EqualTo(new[] { member.UserId, owner.UserId }));
            Assert.That(tasks["Write the copy"].GetProperty("parentId").GetGuid(), Is.EqualTo(epic.GetProperty("id").GetGuid()));
            Assert.That(tasks["Fix the header"].GetProperty("parentId").GetGuid(), Is.EqualTo(epic.GetProperty("id").GetGuid()));
            Assert.That(tasks["Fix the header"].GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(tasks["Fix the header"].GetProperty("priority").GetString(), Is.EqualTo("low"));
            Assert.That(tasks["Review analytics"].GetProperty("status").GetString(), Is.EqualTo("in_progress"));
            Assert.That(formula.GetProperty("status").GetString(), Is.EqualTo("todo"), "an unmapped status is todo");
            Assert.That(formula.GetProperty("priority").GetString(), Is.EqualTo("high"));
            Assert.That(
                formula.GetProperty("description").GetString(),
                Is.EqualTo("@SUM(A1:A9)"),
                "formula cells are text, never evaluated"
            );
            Assert.That(tasks["Review analytics"].GetProperty("description").GetString(), Is.EqualTo("+1 to this"));
        });
    }

    [Test]
    public async Task Bad_rows_fail_the_whole_import_unless_skipped_and_then_are_reported()
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var before = await ContentsAsync(owner, workspaceId);
        var csv =
            "title,labels,estimate_minutes\r\nGood one,fresh\r\n"
            + new string('x', Tasks.TaskRules.TitleMax + 1)
            + ",other\r\nSecond good,,\r\nBad estimate,,soon\r\n";

        var refused = await ImportAsync(owner, workspaceId, "csv", csv);
        var afterRefusal = await ContentsAsync(owner, workspaceId);
        var skipped = await ImportAsync(owner, workspaceId, "csv", csv, new { skipBadRows = true });
        var tasks = await TasksAsync(owner, skipped.GetProperty("projectId").GetGuid());

        Assert.Multiple(() =>
        {
            Assert.That(refused.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(refused.GetProperty("error").GetString(), Does.StartWith("2 of 4 rows cannot be imported"));
            Assert.That(refused.GetProperty("errors")[0].GetProperty("row").GetInt64(), Is.EqualTo(3));
            Assert.That(
                refused.GetProperty("errors")[0].GetProperty("reason").GetString(),
                Is.EqualTo($"The title is {Tasks.TaskRules.TitleMax + 1} characters long; at most {Tasks.TaskRules.TitleMax}.")
            );
            Assert.That(
                refused.GetProperty("errors")[1].GetProperty("reason").GetString(),
                Is.EqualTo("\"soon\" is not a whole number of minutes.")
            );
            Assert.That(afterRefusal, Is.EqualTo(before), "nothing was written: no project, no label");
            Assert.That(skipped.GetProperty("status").GetString(), Is.EqualTo("succeeded"));
            Assert.That(skipped.GetProperty("errors").GetArrayLength(), Is.EqualTo(2));
            Assert.That(skipped.GetProperty("created").GetInt64(), Is.EqualTo(2));
            Assert.That(tasks.Select(t => t.GetProperty("title").GetString()), Is.EquivalentTo(new[] { "Good one", "Second good" }));
        });
    }

    private static readonly object[] HostileFiles =
    [
        new object[]
        {
            "csv",
            new byte[] { (byte)'t', (byte)'i', (byte)'t', (byte)'l', (byte)'e', 13, 10, (byte)'O', 0xC3, 0x28, (byte)'k', 13, 10 },
            "The file is not valid UTF-8: the bytes at offset 8",
        },
        new object[]
        {
            "tasklane",
            Encoding.UTF8.GetBytes(
                "{\"format\":\"tasklane-export/1\",\"project\":{},\"tasks\":[{\"title\":\"deep\",\"x\":"
                    + new string('[', 40)
                    + new string(']', 40)
                    + "}]}"
            ),
            "depth",
        },
        new object[]
        {
            "tasklane",
            Encoding.UTF8.GetBytes("{\"format\":\"tasklane-export/1\",\"tasks\":[{\"title\":\"cut\"}"),
            "The file ends in the middle of its JSON.",
        },
        new object[] { "tasklane", Encoding.UTF8.GetBytes("title,status\r\nOne,todo\r\n"), "The file is not valid JSON" },
        new object[] { "tasklane", Encoding.UTF8.GetBytes("{\"format\":\"trello\",\"tasks\":[]}"), "The file is not a Tasklane export" },
        new object[] { "csv", Encoding.UTF8.GetBytes("summary\r\nOne\r\n"), "The file has no \"title\" column" },
        new object[]
        {
            "csv",
            Encoding.UTF8.GetBytes("title\r\n\"never closed\r\n"),
            "The file ends inside a quoted field that starts on line 2.",
        },
        new object[]
        {
            "csv",
            Encoding.UTF8.GetBytes("title\r\n" + new string('x', ImportRules.MaxFieldChars + 1) + "\r\n"),
            $"longer than {ImportRules.MaxFieldChars} characters",
        },
        new object[]
        {
            "csv",
            Encoding.UTF8.GetBytes("title\r\n" + string.Concat(Enumerable.Repeat("x,", ImportRules.MaxColumns)) + "x\r\n"),
            $"more than {ImportRules.MaxColumns} columns",
        },
    ];

    [TestCaseSource(nameof(HostileFiles))]
    public async Task A_hostile_file_fails_the_job_with_its_reason_and_leaves_the_workspace_unchanged(
        string source,
        byte[] file,
        string reason
    )
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var before = await ContentsAsync(owner, workspaceId);

        var import = await ImportAsync(owner, workspaceId, source, file, new { skipBadRows = true });
        var after = await ContentsAsync(owner, workspaceId);

        Assert.Multiple(() =>
        {
            Assert.That(import.GetProperty("status").GetString(), Is.EqualTo("failed"), import.ToString());
            Assert.That(import.GetProperty("error").GetString(), Does.Contain(reason));
            Assert.That(import.GetProperty("created").GetInt64(), Is.Zero);
            Assert.That(after, Is.EqualTo(before));
        });
    }

    [Test]
    public async Task A_trello_board_imports_lists_as_statuses_cards_checklists_labels_members_comments_and_due_dates()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await member.JoinWorkspaceAsync(workspaceId, "member");
        // The shape of Trello's "Export as JSON", abridged: the cards come before the lists, checklists and actions.
        var board = $$"""
            {
              "id": "65f0a1b2c3d4e5f601234567",
              "name": "Website relaunch",
              "desc": "Everything for the relaunch",
              "closed": false,
              "url": "https://trello.com/b/AbCd1234/website-relaunch",
              "labelNames": { "green": "Design", "red": "" },
              "labels": [
                { "id": "65f0a1b2c3d4e5f60123a001", "idBoard": "65f0a1b2c3d4e5f601234567", "name": "Design", "color": "green", "uses": 2 },
                { "id": "65f0a1b2c3d4e5f60123a002", "idBoard": "65f0a1b2c3d4e5f601234567", "name": "", "color": "red", "uses": 1 }
              ],
              "cards": [
                { "id": "65f0a1b2c3d4e5f60123c001", "name": "Draw the wireframes", "desc": "Home page and pricing", "closed": false,
                  "idList": "65f0a1b2c3d4e5f60123b001", "idBoard": "65f0a1b2c3d4e5f601234567", "idLabels": ["65f0a1b2c3d4e5f60123a001"],
                  "idMembers": ["5a1b2c3d4e5f601234560001"], "idChecklists": ["65f0a1b2c3d4e5f60123d001"], "pos": 16384,
                  "due": "2024-04-30T12:00:00.000Z", "dueComplete": false, "start": null, "dateLastActivity": "2024-03-14T15:15:00.000Z",
                  "attachments": [], "badges": { "comments": 2, "checkItems": 2, "checkItemsChecked": 1 } },
                { "id": "65f0a1b2c3d4e5f60123c002", "name": "Fix the header", "desc": "", "closed": false,
                  "idList": "65f0a1b2c3d4e5f60123b002", "idBoard": "65f0a1b2c3d4e5f601234567",
                  "idLabels": ["65f0a1b2c3d4e5f60123a001", "65f0a1b2c3d4e5f60123a002"], "idMembers": ["5a1b2c3d4e5f601234560002"],
                  "idChecklists": [], "pos": 32768, "due": null, "dateLastActivity": "2024-03-15T09:00:00.000Z",
                  "attachments": [{ "id": "65f0a1b2c3d4e5f60123f001", "name": "header.png", "url": "https://trello.com/1/cards/x/attachments/y/download/header.png" }] },
                { "id": "65f0a1b2c3d4e5f60123c003", "name": "Ship it", "desc": "", "closed": false,
                  "idList": "65f0a1b2c3d4e5f60123b003", "idBoard": "65f0a1b2c3d4e5f601234567", "idLabels": [], "idMembers": [],
                  "idChecklists": [], "pos": 49152, "due": null, "dateLastActivity": "2024-03-16T09:00:00.000Z", "attachments": [] }
              ],
              "lists": [
                { "id": "65f0a1b2c3d4e5f60123b001", "name": "To Do", "closed": false, "idBoard": "65f0a1b2c3d4e5f601234567", "pos": 16384 },
                { "id": "65f0a1b2c3d4e5f60123b002", "name": "Doing", "closed": false, "idBoard": "65f0a1b2c3d4e5f601234567", "pos": 32768 },
                { "id": "65f0a1b2c3d4e5f60123b003", "name": "Shipped", "closed": false, "idBoard": "65f0a1b2c3d4e5f601234567", "pos": 49152 }
              ],
              "members": [
                { "id": "5a1b2c3d4e5f601234560001", "fullName": "Mia Member", "username": "miamember", "initials": "MM" },
                { "id": "5a1b2c3d4e5f601234560002", "fullName": "Olli Outside", "username": "ollioutside", "initials": "OO" }
              ],
              "checklists": [
                { "id": "65f0a1b2c3d4e5f60123d001", "name": "Checklist", "idBoard": "65f0a1b2c3d4e5f601234567", "idCard": "65f0a1b2c3d4e5f60123c001", "pos": 16384,
                  "checkItems": [
                    { "id": "65f0a1b2c3d4e5f60123e002", "name": "Pricing page", "state": "incomplete", "idChecklist": "65f0a1b2c3d4e5f60123d001", "pos": 33792 },
                    { "id": "65f0a1b2c3d4e5f60123e001", "name": "Home page", "state": "complete", "idChecklist": "65f0a1b2c3d4e5f60123d001", "pos": 16896 }
                  ] }
              ],
              "actions": [
                { "id": "65f0a1b2c3d4e5f60123g002", "idMemberCreator": "5a1b2c3d4e5f601234560001", "type": "commentCard", "date": "2024-03-14T15:15:00.000Z",
                  "data": { "text": "Pricing next", "card": { "id": "65f0a1b2c3d4e5f60123c001", "name": "Draw the wireframes" }, "board": { "id": "65f0a1b2c3d4e5f601234567" } },
                  "memberCreator": { "id": "5a1b2c3d4e5f601234560001", "fullName": "Mia Member", "username": "miamember" } },
                { "id": "65f0a1b2c3d4e5f60123g001", "idMemberCreator": "5a1b2c3d4e5f601234560001", "type": "commentCard", "date": "2024-03-13T10:00:00.000Z",
                  "data": { "text": "Started on the home page", "card": { "id": "65f0a1b2c3d4e5f60123c001", "name": "Draw the wireframes" } },
                  "memberCreator": { "id": "5a1b2c3d4e5f601234560001", "fullName": "Mia Member", "username": "miamember" } },
                { "id": "65f0a1b2c3d4e5f60123g000", "idMemberCreator": "5a1b2c3d4e5f601234560001", "type": "createCard", "date": "2024-03-12T09:00:00.000Z",
                  "data": { "card": { "id": "65f0a1b2c3d4e5f60123c001" }, "list": { "id": "65f0a1b2c3d4e5f60123b001" } } }
              ]
            }
            """;

        var import = await ImportAsync(
            owner,
            workspaceId,
            "trello",
            board,
            new
            {
                mapping = new
                {
                    statuses = new Dictionary<string, string> { ["Shipped"] = "done" },
                    users = new Dictionary<string, string> { ["Mia Member"] = member.Email },
                },
            }
        );
        Assert.That(import.GetProperty("status").GetString(), Is.EqualTo("succeeded"), import.ToString());
        var projectId = import.GetProperty("projectId").GetGuid();
        var project = await owner.GetAsync($"projects/{projectId}");
        var tasks = (await TasksAsync(owner, projectId)).ToDictionary(t => t.GetProperty("title").GetString()!);
        var labels = (await owner.GetAsync($"workspaces/{workspaceId}/labels"))
            .GetProperty("items")
            .EnumerateArray()
            .ToDictionary(
                l => l.GetProperty("id").GetGuid(),
                l => (Name: l.GetProperty("name").GetString(), Color: l.GetProperty("color").GetString())
            );
        var wireframes = tasks["Draw the wireframes"];
        var comments = (await owner.GetAsync($"tasks/{wireframes.GetProperty("id").GetGuid()}/comments"))
            .GetProperty("items")
            .EnumerateArray()
            .ToList();
        var preview = import.GetProperty("preview");
        var statuses = await Features.Statuses.StatusTestKit.StatusesAsync(owner, projectId);
        var statusNames = statuses.ToDictionary(s => s.GetProperty("id").GetGuid(), s => s.GetProperty("name").GetString());

        Assert.Multiple(() =>
        {
            Assert.That(
                statuses.Select(s => (s.GetProperty("name").GetString(), s.GetProperty("category").GetString())),
                Is.EqualTo(
                    new[]
                    {
                        ("To do", "todo"),
                        ("In progress", "in_progress"),
                        ("Done", "done"),
                        ("Doing", "in_progress"),
                        ("Shipped", "done"),
                    }
                ),
                "lists become statuses; \"To Do\" is the project's own"
            );
            Assert.That(statusNames[tasks["Ship it"].GetProperty("statusId").GetGuid()], Is.EqualTo("Shipped"));
            Assert.That(statusNames[tasks["Draw the wireframes"].GetProperty("statusId").GetGuid()], Is.EqualTo("To do"));
            Assert.That(project.GetProperty("name").GetString(), Is.EqualTo("Website relaunch"));
            Assert.That(tasks, Has.Count.EqualTo(5));
            Assert.That(preview.GetProperty("tasks").GetInt64(), Is.EqualTo(5));
            Assert.That(preview.GetProperty("subTasks").GetInt64(), Is.EqualTo(2));
            Assert.That(preview.GetProperty("comments").GetInt64(), Is.EqualTo(2));
            Assert.That(preview.GetProperty("labels").GetInt64(), Is.EqualTo(2));
            Assert.That(
                preview.GetProperty("unmappedUsers").EnumerateArray().Select(u => u.GetProperty("name").GetString()),
                Is.EqualTo(new[] { "Olli Outside" })
            );
            Assert.That(preview.GetProperty("warnings")[0].GetProperty("rows").GetInt64(), Is.EqualTo(1), "one attachment not imported");
            Assert.That(labels.Values, Is.EquivalentTo(new[] { ("Design", "#61bd4f"), ("Red", "#eb5a46") }));
            Assert.That(wireframes.GetProperty("status").GetString(), Is.EqualTo("todo"));
            Assert.That(wireframes.GetProperty("description").GetString(), Is.EqualTo("Home page and pricing"));
            Assert.That(wireframes.GetProperty("dueAt").GetDateTime(), Is.EqualTo(new DateTime(2024, 4, 30, 12, 0, 0, DateTimeKind.Utc)));
            Assert.That(
                wireframes.GetProperty("assigneeIds").EnumerateArray().Select(a => a.GetGuid()),
                Is.EqualTo(new[] { member.UserId })
            );
            Assert.That(
                wireframes.GetProperty("createdAt").GetDateTime(),
                Is.EqualTo(DateTime.UnixEpoch.AddSeconds(0x65f0a1b2)),
                "from the card's id"
            );
            Assert.That(tasks["Fix the header"].GetProperty("status").GetString(), Is.EqualTo("in_progress"));
            Assert.That(tasks["Fix the header"].GetProperty("assigneeIds").GetArrayLength(), Is.Zero);
            Assert.That(
                tasks["Fix the header"].GetProperty("labelIds").EnumerateArray().Select(l => labels[l.GetGuid()].Name),
                Is.EquivalentTo(new[] { "Design", "Red" })
            );
            Assert.That(tasks["Ship it"].GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(tasks["Home page"].GetProperty("parentId").GetGuid(), Is.EqualTo(wireframes.GetProperty("id").GetGuid()));
            Assert.That(tasks["Home page"].GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(tasks["Pricing page"].GetProperty("status").GetString(), Is.EqualTo("todo"));
            Assert.That(
                comments.Select(c => c.GetProperty("body").GetString()),
                Is.EqualTo(new[] { "Started on the home page", "Pricing next" })
            );
            Assert.That(comments.Select(c => c.GetProperty("authorId").GetGuid()), Is.All.EqualTo(member.UserId));
        });
    }

    [Test]
    public async Task Too_many_rows_fail_the_job_and_a_stored_file_over_the_limit_is_413()
    {
        // Hosts of their own with small limits, on a database of their own (the run's worker keeps the defaults).
        await using var services = await TestEnvironment.Services.WithNewDatabaseAsync();
        await TasklaneHosts.MigrateAsync(services);
        await using var hosts = await TasklaneHosts.StartAsync(
            services,
            settings: new Dictionary<string, string?> { ["Imports:MaxRows"] = "3", ["Imports:MaxBytes"] = "100" }
        );
        var owner = await ApiClient.SignUpAsync(hosts);
        var workspaceId = await owner.CreateWorkspaceAsync();
        var before = await ContentsAsync(owner, workspaceId);

        var tooMany = await ImportAsync(owner, workspaceId, "csv", "title\r\nOne\r\nTwo\r\nThree\r\nFour\r\n");
        var after = await ContentsAsync(owner, workspaceId);
        // The store is told the size the URL was signed for; a client that sends more (s3rver does not check) is caught at the start.
        var upload = await owner.PostAsync($"workspaces/{workspaceId}/imports/uploads", new { size = 50 }, System.Net.HttpStatusCode.OK);
        using (
            var put = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("uploadUrl").GetString())
            {
                Content = new ByteArrayContent(new byte[200]),
            }
        )
        {
            using var http = new HttpClient();
            (await http.SendAsync(put)).Dispose();
        }

        using var oversized = await owner.SendRawAsync(
            HttpMethod.Post,
            $"workspaces/{workspaceId}/imports",
            JsonSerializer.Serialize(new { source = "csv", objectKey = upload.GetProperty("objectKey").GetString() })
        );

        Assert.Multiple(() =>
        {
            Assert.That(tooMany.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(
                tooMany.GetProperty("error").GetString(),
                Is.EqualTo("The file has more than 3 rows, the most one import takes. Split it into several files.")
            );
            Assert.That(after, Is.EqualTo(before));
        });
        var problem = await oversized.AssertProblemAsync(System.Net.HttpStatusCode.RequestEntityTooLarge);
        Assert.That(
            problem.GetProperty("detail").GetString(),
            Is.EqualTo("The file is 200 bytes; an import file may be at most 100 bytes.")
        );
    }

    [Test]
    public async Task An_import_survives_a_killed_worker_and_writes_every_row_exactly_once()
    {
        // Its own database, API in process and the worker as a child process: the run's shared worker must not pick the
        // job up, and only a real process can be SIGKILLed mid-import.
        const int rows = 20_000;
        await using var services = await TestEnvironment.Services.WithNewDatabaseAsync();
        await TasklaneHosts.MigrateAsync(services);
        await using var hosts = await TasklaneHosts.StartAsync(services, withWorker: false);
        await using var worker = await HostProcess.StartWorkerAsync(
            services,
            new Dictionary<string, string?> { ["Imports:BatchRows"] = "100" }
        );
        var owner = await ApiClient.SignUpAsync(hosts);
        var workspaceId = await owner.CreateWorkspaceAsync();
        var csv = new StringBuilder("id,title,parent_id,labels,comments\r\n");
        for (var i = 1; i <= rows; i++)
        {
            csv.Append($"{i},Row {i},{(i % 10 == 0 ? i - 1 : "")},{(i % 3 == 0 ? "three" : "")},{(i % 50 == 0 ? "a comment" : "")}\r\n");
        }

        var started = await StartAsync(
            owner,
            workspaceId,
            new { source = "csv", objectKey = await UploadAsync(owner, workspaceId, csv.ToString()) }
        );
        var importId = started.GetProperty("id").GetGuid();
        var midway = await ApiClient.EventuallyAsync(
            () => owner.GetAsync($"imports/{importId}"),
            e => e.GetProperty("processed").GetInt64() > 0,
            TimeSpan.FromSeconds(60)
        );
        Assert.That(
            midway.GetProperty("processed").GetInt64(),
            Is.InRange(1, rows - 1),
            "the import must be caught mid-way: " + worker.Output
        );
        worker.Kill();

        await worker.RestartAsync();
        var finished = await FinishedAsync(owner, importId, TimeSpan.FromSeconds(180));
        await using var connection = new Npgsql.NpgsqlConnection(services.PostgresConnectionString);
        await connection.OpenAsync();
        var projectId = finished.GetProperty("projectId").GetGuid();
        var counts = await Dapper.SqlMapper.QuerySingleAsync<(
            long Tasks,
            long Titles,
            long SubTasks,
            long Labelled,
            long Comments,
            int Attempts
        )>(
            connection,
            """
            select (select count(*) from tasks where project_id = @projectId),
                   (select count(distinct title) from tasks where project_id = @projectId),
                   (select count(*) from tasks where project_id = @projectId and parent_id is not null),
                   (select count(*) from task_labels tl join tasks t on t.id = tl.task_id where t.project_id = @projectId),
                   (select count(*) from comments c join tasks t on t.id = c.task_id where t.project_id = @projectId),
                   (select attempt from imports where id = @importId)
            """,
            new { projectId, importId }
        );

        Assert.Multiple(() =>
        {
            Assert.That(finished.GetProperty("status").GetString(), Is.EqualTo("succeeded"), finished.ToString());
            Assert.That(finished.GetProperty("created").GetInt64(), Is.EqualTo(rows));
            Assert.That(counts.Tasks, Is.EqualTo(rows), "every row once, none twice");
            Assert.That(counts.Titles, Is.EqualTo(rows));
            Assert.That(counts.SubTasks, Is.EqualTo(rows / 10));
            Assert.That(counts.Labelled, Is.EqualTo(rows / 3));
            Assert.That(counts.Comments, Is.EqualTo(rows / 50));
            Assert.That(counts.Attempts, Is.GreaterThanOrEqualTo(2), "the killed run was restarted");
        });
    }

    private static async Task<string> ExportAsync(ApiClient client, Guid projectId, TimeSpan? patience = null)
    {
        var (_, started) = await Exports.ExportTestKit.StartAsync(client, projectId);
        var finished = await Exports.ExportTestKit.FinishedAsync(
            client,
            started.GetProperty("id").GetGuid(),
            patience ?? TimeSpan.FromSeconds(60)
        );
        return await Exports.ExportTestKit.DownloadAsync(finished);
    }

    /// <summary>The export without what an import cannot keep: ids (parents become the parent's place in the file) and the project's creation.</summary>
    private static string Normalized(string export)
    {
        var root = JsonNode.Parse(export)!.AsObject();
        var project = root["project"]!.AsObject();
        var tasks = root["tasks"]!.AsArray();
        var places = tasks.Select((t, i) => (Id: t!["id"]!.GetValue<string>(), Place: i)).ToDictionary(p => p.Id, p => p.Place);
        foreach (var task in tasks.Select(t => t!.AsObject()))
        {
            task["parentId"] = task["parentId"] is { } parent ? places[parent.GetValue<string>()] : null;
            task.Remove("id");
            task.Remove("statusId"); // the column, by name, stays in statusName
            task.Remove("createdBy");
            foreach (var person in task["assignees"]!.AsArray().Select(a => a!.AsObject()))
            {
                person.Remove("id");
            }

            foreach (var comment in task["comments"]!.AsArray().Select(c => c!.AsObject()))
            {
                comment.Remove("id");
                comment["author"]!.AsObject().Remove("id");
            }
        }

        foreach (var item in project["labels"]!.AsArray().Concat(project["statuses"]!.AsArray()).Select(l => l!.AsObject()))
        {
            item.Remove("id");
        }

        project.Remove("id");
        project.Remove("createdAt");
        root.Remove("exportedAt");
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
