using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using Tasklane.Features.Invitations;
using Tasklane.Features.Members;
using Tasklane.Features.Projects;
using Tasklane.Features.Statuses;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Infrastructure.Storage;
using Wolverine;
using Wolverine.Attributes;

namespace Tasklane.Features.Imports.RunImport;

/// <summary>
/// Worker: imports an uploaded file in two streaming passes, so memory holds one row (one batch while writing) whatever
/// the file's size. The first pass checks every row and counts what will be created: a file that cannot be read, or
/// with bad rows (unless the caller chose to skip them), fails here with nothing written, and a dry run ends here. The
/// second pass writes <see cref="ImportSettings.BatchRows"/> rows per transaction, each committing the checkpoint (rows
/// done) with the rows it wrote. A run that dies is run again: the durable inbox hands the message to a live worker,
/// the new attempt fences the dead one out, and writing goes on after the last committed row, so every row is written
/// exactly once. Parents are linked and the project announced by the finishing transaction.
/// </summary>
[StickyHandler(Queues.Jobs)]
public static partial class RunImportHandler
{
    private static readonly string Start = Sql.Load(typeof(RunImportHandler), "StartAttempt.sql");
    private static readonly string Members = Sql.Load(typeof(RunImportHandler), "Members.sql");
    private static readonly string Labels = Sql.Load(typeof(RunImportHandler), "Labels.sql");
    private static readonly string SaveCheck = Sql.Load(typeof(RunImportHandler), "SaveCheck.sql");
    private static readonly string Fail = Sql.Load(typeof(RunImportHandler), "FailImport.sql");
    private static readonly string FinishDry = Sql.Load(typeof(RunImportHandler), "FinishDryRun.sql");
    private static readonly string Fence = Sql.Load(typeof(RunImportHandler), "Fence.sql");
    private static readonly string CreateProject = Sql.Load(typeof(RunImportHandler), "CreateProject.sql");
    private static readonly string CreateLabels = Sql.Load(typeof(RunImportHandler), "CreateLabels.sql");
    private static readonly string CreateInvitations = Sql.Load(typeof(RunImportHandler), "CreateInvitations.sql");
    private static readonly string PendingInvitations = Sql.Load(typeof(RunImportHandler), "PendingInvitations.sql");
    private static readonly string HoldAssignments = Sql.Load(typeof(RunImportHandler), "HoldAssignments.sql");
    private static readonly string InsertTasks = Sql.Load(typeof(RunImportHandler), "InsertTasks.sql");
    private static readonly string InsertAssignees = Sql.Load(typeof(RunImportHandler), "InsertAssignees.sql");
    private static readonly string InsertLabels = Sql.Load(typeof(RunImportHandler), "InsertLabels.sql");
    private static readonly string InsertComments = Sql.Load(typeof(RunImportHandler), "InsertComments.sql");
    private static readonly string InsertItems = Sql.Load(typeof(RunImportHandler), "InsertItems.sql");
    private static readonly string Checkpoint = Sql.Load(typeof(RunImportHandler), "Checkpoint.sql");
    private static readonly string LinkParents = Sql.Load(typeof(RunImportHandler), "LinkParents.sql");
    private static readonly string DeleteItems = Sql.Load(typeof(RunImportHandler), "DeleteItems.sql");
    private static readonly string Finish = Sql.Load(typeof(RunImportHandler), "FinishImport.sql");
    private static readonly string DeleteProject = Sql.Load(typeof(RunImportHandler), "DeleteProject.sql");

    private sealed record Job(
        int Attempt,
        Guid WorkspaceId,
        Guid RequestedBy,
        string Source,
        string ObjectKey,
        string Options,
        bool DryRun,
        Guid? ProjectId,
        long Processed
    );

    private sealed record Member(Guid Id, string Email, string DisplayName);

    private sealed record Label(Guid Id, string Name);

    private sealed record Invitation(Guid Id, string Email);

    private sealed record Invited(string EmailNormalized, Guid Id);

    [MessageTimeout(6 * 3600)]
    [ScheduleRetry(typeof(Exception), 5, 30, 120)]
    public static async Task Handle(
        ImportRequested request,
        Envelope envelope,
        NpgsqlDataSource db,
        ObjectStore store,
        ImportSettings settings,
        SubTaskSettings subTasks,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        Job? job;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            job = await connection.QuerySingleOrDefaultAsync<Job>(
                new CommandDefinition(Start, new { request.ImportId, Now = clock.DbNow() }, cancellationToken: ct)
            );
        }

        if (job is null)
        {
            return;
        }

        var options =
            JsonSerializer.Deserialize<ImportOptions>(job.Options, JsonSerializerOptions.Web)
            ?? new ImportOptions(null, false, null, false);
        try
        {
            if (await RunAsync(request, job, options, db, store, settings, subTasks.MaxDepth, outbox, clock, ct))
            {
                await store.DeleteAsync(job.ObjectKey, ct);
            }
        }
        catch (Exception e) when (envelope.Attempts >= settings.MaxAttempts && e is not OperationCanceledException)
        {
            // The last retry failed too: take back what was written and say so on the job instead of leaving it "running".
            await using var connection = await db.OpenConnectionAsync(CancellationToken.None);
            var failed = await connection.ExecuteAsync(
                new CommandDefinition(
                    Fail,
                    new
                    {
                        request.ImportId,
                        job.Attempt,
                        Now = clock.DbNow(),
                        Error = ImportRules.WriteFailed,
                        Total = (long?)null,
                        Preview = (string?)null,
                        Errors = (string?)null,
                    }
                )
            );
            if (failed == 1 && job.ProjectId is { } projectId)
            {
                await connection.ExecuteAsync(new CommandDefinition(DeleteProject, new { ProjectId = projectId, job.WorkspaceId }));
            }

            if (failed == 1)
            {
                try
                {
                    await store.DeleteAsync(job.ObjectKey, CancellationToken.None);
                }
                catch (Exception)
                {
                    // The store may be what failed: the file stays, which wastes space but harms nothing.
                }
            }
        }
    }

    /// <summary>Runs the job; true when it ended (the file may go), false when a newer attempt took over.</summary>
    private static async Task<bool> RunAsync(
        ImportRequested request,
        Job job,
        ImportOptions options,
        NpgsqlDataSource db,
        ObjectStore store,
        ImportSettings settings,
        int maxDepth,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        ImportDirectory directory;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            var members = await connection.QueryAsync<Member>(
                new CommandDefinition(Members, new { job.WorkspaceId }, cancellationToken: ct)
            );
            var labels = await connection.QueryAsync<Label>(new CommandDefinition(Labels, new { job.WorkspaceId }, cancellationToken: ct));
            directory = ImportDirectory.From(
                members.Select(m => (m.Id, m.Email, m.DisplayName)),
                labels.Select(l => l.Name),
                options.Mapping,
                options.InviteUnknownPeople
            );
        }

        // First pass: check every row, count what will be created.
        var tally = new ImportTally(directory.Labels);
        SourceHead head;
        string? refusal = null;
        try
        {
            var source = Source(job, options, store, settings);
            await foreach (var row in source.RowsAsync(ct))
            {
                if (tally.Rows >= settings.MaxRows)
                {
                    throw new ImportFileException(
                        $"The file has more than {settings.MaxRows} rows, the most one import takes. Split it into several files."
                    );
                }

                var (draft, error) = ImportRowDecision.Decide(row, directory);
                if (draft is null)
                {
                    tally.Bad(row.Row, error!);
                }
                else
                {
                    tally.Add(draft);
                }
            }

            head = source.Head;
            tally.AddLabels(head.Labels);
        }
        catch (ImportFileException e)
        {
            head = SourceHead.Empty;
            refusal = e.Message;
        }

        if (refusal is null && tally.TooManyLabels)
        {
            refusal = $"The file would create more than {ImportRules.NewLabelsMax} labels, the most one import may create.";
        }

        if (refusal is null && tally.TooManyInvitees)
        {
            refusal = $"The file would invite more than {ImportRules.InviteesMax} people, the most one import may invite.";
        }

        if (refusal is null && tally.BadRows > 0 && !options.SkipBadRows)
        {
            refusal =
                $"{tally.BadRows} of {tally.Rows} rows cannot be imported (see errors), so nothing was imported. Fix them, or import with skipBadRows to leave them out.";
        }

        var preview = JsonSerializer.Serialize(tally.Preview(), JsonSerializerOptions.Web);
        var errors = JsonSerializer.Serialize(tally.Errors, JsonSerializerOptions.Web);
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            var args = new
            {
                request.ImportId,
                job.Attempt,
                Now = clock.DbNow(),
                Total = (long?)tally.Rows,
                Preview = preview,
                Errors = errors,
                Error = refusal,
            };
            if (refusal is not null)
            {
                return await connection.ExecuteAsync(new CommandDefinition(Fail, args, cancellationToken: ct)) == 1;
            }

            if (job.DryRun)
            {
                return await connection.ExecuteAsync(new CommandDefinition(FinishDry, args, cancellationToken: ct)) == 1;
            }

            if (await connection.ExecuteAsync(new CommandDefinition(SaveCheck, args, cancellationToken: ct)) == 0)
            {
                return false;
            }
        }

        // Second pass: write, one batch per transaction with its checkpoint.
        var project = new Project(
            job.ProjectId!.Value,
            job.WorkspaceId,
            job.RequestedBy,
            Cut(
                options.ProjectName ?? (string.IsNullOrWhiteSpace(head.ProjectName) ? "Imported project" : head.ProjectName.Trim()),
                ProjectRules.NameMax
            ),
            string.IsNullOrEmpty(head.ProjectDescription) ? null : Cut(head.ProjectDescription, ProjectRules.DescriptionMax)
        );
        if (await SetUpAsync(request, job, project, tally, outbox, clock, ct) is not { } invitations)
        {
            return false;
        }

        Dictionary<string, Guid> labelIds;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            labelIds = (
                await connection.QueryAsync<Label>(new CommandDefinition(Labels, new { job.WorkspaceId }, cancellationToken: ct))
            ).ToDictionary(l => l.Name, l => l.Id, StringComparer.OrdinalIgnoreCase);
        }

        var batch = new List<(long Index, TaskDraft Task)>(settings.BatchRows);
        long index = 0;
        long pending = 0;
        var written = job.Processed;
        var writer = new BatchWriter(request.ImportId, job.Attempt, project, labelIds, invitations, outbox, clock);
        await foreach (var row in Source(job, options, store, settings).RowsAsync(ct))
        {
            index++;
            if (index <= written)
            {
                continue; // committed by an earlier attempt
            }

            if (ImportRowDecision.Decide(row, directory).Draft is { } draft)
            {
                batch.Add((index, draft));
            }

            if (++pending == settings.BatchRows)
            {
                if (!await writer.WriteAsync(batch, written, index, ct))
                {
                    return false;
                }

                (written, pending) = (index, 0);
                batch.Clear();
            }
        }

        if (pending > 0 && !await writer.WriteAsync(batch, written, index, ct))
        {
            return false;
        }

        await using var finish = await outbox.BeginAsync(ct);
        if (await finish.QuerySingleOrDefaultAsync<long?>(Fence, new { request.ImportId, job.Attempt }, ct) is null)
        {
            return false;
        }

        var now = clock.DbNow();
        await finish.ExecuteAsync(LinkParents, new { request.ImportId, MaxDepth = maxDepth }, ct);
        await finish.ExecuteAsync(DeleteItems, new { request.ImportId }, ct);
        await finish.ExecuteAsync(
            Finish,
            new
            {
                request.ImportId,
                job.Attempt,
                Now = now,
            },
            ct
        );
        finish.Publish(new ProjectCreated(Guid.CreateVersion7(), project.WorkspaceId, project.Id, project.CreatedBy, now, project.Name));
        finish.Invalidate([CacheKeys.ProjectState(project.Id)]);
        await finish.CommitAsync(ct);
        return true;
    }

    private static ImportSource Source(Job job, ImportOptions options, ObjectStore store, ImportSettings settings) =>
        ImportSource.For(
            job.Source,
            async ct => new Utf8CheckedStream(
                await store.OpenReadAsync(job.ObjectKey, ct) ?? throw new ImportFileException(ImportRules.FileMissing)
            ),
            options,
            settings
        );

    /// <summary>
    /// The project, labels and invitations the file needs, in one transaction fenced like the batches; the pending invitation
    /// of each invited address (by its normalised form), or null when a newer attempt took the job over.
    /// </summary>
    private static async Task<Dictionary<string, Guid>?> SetUpAsync(
        ImportRequested request,
        Job job,
        Project project,
        ImportTally tally,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        if (await tx.QuerySingleOrDefaultAsync<long?>(Fence, new { request.ImportId, job.Attempt }, ct) is null)
        {
            return null;
        }

        var now = clock.DbNow();
        await tx.ExecuteAsync(
            CreateProject,
            new
            {
                ProjectId = project.Id,
                project.WorkspaceId,
                project.Name,
                project.Description,
                project.CreatedBy,
                Now = now,
            },
            ct
        );
        var labels = tally.NewLabels.ToList();
        await tx.ExecuteAsync(
            CreateLabels,
            new
            {
                project.WorkspaceId,
                project.CreatedBy,
                Now = now,
                Ids = labels.Select(_ => Guid.CreateVersion7()).ToArray(),
                Names = labels.Select(l => l.Key).ToArray(),
                Colors = labels
                    .Select(l => l.Value is { } color && Color().IsMatch(color) ? color.ToLowerInvariant() : ImportRules.DefaultLabelColor)
                    .ToArray(),
            },
            ct
        );
        var invitees = tally.Invitees.ToArray();
        var normalized = invitees.Select(InvitationRules.Normalize).ToArray();
        var expiresAt = now + InvitationRules.Lifetime;
        var created = await tx.QueryAsync<Invitation>(
            CreateInvitations,
            new
            {
                project.WorkspaceId,
                InvitedBy = project.CreatedBy,
                Now = now,
                ExpiresAt = expiresAt,
                Ids = invitees.Select(_ => Guid.CreateVersion7()).ToArray(),
                Emails = invitees,
                Normalized = normalized,
                // Nobody holds these tokens: an admin renews the invitation to get one to pass on.
                TokenHashes = invitees.Select(_ => SessionStore.Hash(SessionStore.NewToken())).ToArray(),
            },
            ct
        );
        foreach (var invitation in created)
        {
            tx.Publish(
                new MemberInvited(
                    Guid.CreateVersion7(),
                    project.WorkspaceId,
                    project.CreatedBy,
                    now,
                    invitation.Id,
                    invitation.Email,
                    WorkspaceRole.Member,
                    expiresAt
                )
            );
        }

        var pending = await tx.QueryAsync<Invited>(
            PendingInvitations,
            new
            {
                project.WorkspaceId,
                Normalized = normalized,
                Now = now,
            },
            ct
        );
        tx.Invalidate([CacheKeys.ProjectState(project.Id)]);
        await tx.CommitAsync(ct);
        return pending.ToDictionary(i => i.EmailNormalized, i => i.Id);
    }

    private static string Cut(string text, int max) =>
        text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Color();

    private sealed record Project(Guid Id, Guid WorkspaceId, Guid CreatedBy, string Name, string? Description);

    /// <summary>Writes one batch with its checkpoint in one transaction.</summary>
    private sealed class BatchWriter(
        Guid importId,
        int attempt,
        Project project,
        Dictionary<string, Guid> labelIds,
        Dictionary<string, Guid> invitations,
        Outbox outbox,
        TimeProvider clock
    )
    {
        /// <summary>False when a newer attempt took the job over or the checkpoint moved: nothing was written.</summary>
        public async Task<bool> WriteAsync(List<(long Index, TaskDraft Task)> batch, long from, long to, CancellationToken ct)
        {
            await using var tx = await outbox.BeginAsync(ct);
            if (await tx.QuerySingleOrDefaultAsync<long?>(Fence, new { ImportId = importId, Attempt = attempt }, ct) != from)
            {
                return false;
            }

            var now = clock.DbNow();
            var ids = batch.Select(b => ImportIds.Task(importId, b.Index)).ToArray();
            var tasks = batch.Select(b => b.Task).ToList();
            if (tasks.Count > 0)
            {
                await tx.ExecuteAsync(
                    InsertTasks,
                    new
                    {
                        project.WorkspaceId,
                        ProjectId = project.Id,
                        project.CreatedBy,
                        Ids = ids,
                        Titles = tasks.Select(t => t.Title).ToArray(),
                        Descriptions = tasks.Select(t => t.Description).ToArray(),
                        Statuses = tasks.Select(t => t.Status.Name).ToArray(),
                        StatusNames = tasks.Select(t => t.StatusName).ToArray(),
                        MaxStatuses = StatusRules.MaxPerProject,
                        Now = now,
                        Priorities = tasks.Select(t => t.Priority.Name).ToArray(),
                        StartAts = tasks.Select(t => t.StartAt?.AtDbPrecision()).ToArray(),
                        DueAts = tasks.Select(t => t.DueAt?.AtDbPrecision()).ToArray(),
                        Estimates = tasks.Select(t => t.Estimate).ToArray(),
                        AssigneeIds = tasks.Select(t => t.AssigneeIds.Length > 0 ? t.AssigneeIds[0] : (Guid?)null).ToArray(),
                        Positions = batch.Select(b => b.Task.Position ?? b.Index * TaskRules.PositionStep).ToArray(),
                        CreatedAts = tasks.Select(t => (t.CreatedAt ?? now).AtDbPrecision()).ToArray(),
                        UpdatedAts = tasks.Select(t => (t.UpdatedAt ?? t.CreatedAt ?? now).AtDbPrecision()).ToArray(),
                    },
                    ct
                );

                var assignees = batch.SelectMany((b, i) => b.Task.AssigneeIds.Select(u => (Task: ids[i], User: u))).ToList();
                if (assignees.Count > 0)
                {
                    await tx.ExecuteAsync(
                        InsertAssignees,
                        new { TaskIds = assignees.Select(a => a.Task).ToArray(), UserIds = assignees.Select(a => a.User).ToArray() },
                        ct
                    );
                }

                var held = batch
                    .SelectMany(
                        (b, i) =>
                            b
                                .Task.Invitees.Select(e => invitations.GetValueOrDefault(InvitationRules.Normalize(e)))
                                .Where(invitation => invitation != Guid.Empty)
                                .Select(invitation => (Task: ids[i], Invitation: invitation))
                    )
                    .ToList();
                if (held.Count > 0)
                {
                    await tx.ExecuteAsync(
                        HoldAssignments,
                        new { InvitationIds = held.Select(h => h.Invitation).ToArray(), TaskIds = held.Select(h => h.Task).ToArray() },
                        ct
                    );
                }

                var labels = batch
                    .SelectMany((b, i) => b.Task.Labels.Where(labelIds.ContainsKey).Select(l => (Task: ids[i], Label: labelIds[l])))
                    .Distinct()
                    .ToList();
                if (labels.Count > 0)
                {
                    await tx.ExecuteAsync(
                        InsertLabels,
                        new { TaskIds = labels.Select(a => a.Task).ToArray(), LabelIds = labels.Select(a => a.Label).ToArray() },
                        ct
                    );
                }

                var comments = batch
                    .SelectMany(
                        (b, i) => b.Task.Comments.Select((c, n) => (Id: ImportIds.Comment(importId, b.Index, n), Task: ids[i], Comment: c))
                    )
                    .ToList();
                if (comments.Count > 0)
                {
                    await tx.ExecuteAsync(
                        InsertComments,
                        new
                        {
                            project.WorkspaceId,
                            Ids = comments.Select(c => c.Id).ToArray(),
                            TaskIds = comments.Select(c => c.Task).ToArray(),
                            AuthorIds = comments.Select(c => c.Comment.AuthorId ?? project.CreatedBy).ToArray(),
                            Bodies = comments.Select(c => c.Comment.Body).ToArray(),
                            CreatedAts = comments.Select(c => (c.Comment.CreatedAt ?? now).AtDbPrecision()).ToArray(),
                            EditedAts = comments.Select(c => c.Comment.EditedAt?.AtDbPrecision()).ToArray(),
                        },
                        ct
                    );
                }

                await tx.ExecuteAsync(
                    InsertItems,
                    new
                    {
                        ImportId = importId,
                        Keys = tasks.Select(t => t.Key).ToArray(),
                        TaskIds = ids,
                        ParentKeys = tasks.Select(t => t.ParentKey).ToArray(),
                    },
                    ct
                );
            }

            await tx.ExecuteAsync(
                Checkpoint,
                new
                {
                    ImportId = importId,
                    Attempt = attempt,
                    Processed = to,
                    Created = (long)tasks.Count,
                },
                ct
            );
            await tx.CommitAsync(ct);
            return true;
        }
    }
}
