namespace Tasklane.Features.Imports.RunImport;

/// <summary>Counts what the checking pass finds, for the preview and the error report; lists are capped, counts are not.</summary>
public sealed class ImportTally(IReadOnlySet<string> existingLabels)
{
    private readonly List<ImportRowError> _errors = [];
    private readonly Dictionary<string, long> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _invitees = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _labels = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _statuses = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _priorities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string?> _labelColors = new(StringComparer.OrdinalIgnoreCase);
    private long _attachments;
    private long _commentsByImporter;

    public long Rows { get; private set; }
    public long Tasks { get; private set; }
    public long SubTasks { get; private set; }
    public long Comments { get; private set; }
    public long BadRows { get; private set; }

    public IReadOnlyList<ImportRowError> Errors => _errors;

    /// <summary>Every label the import must create, with its colour when the file gives one.</summary>
    public IReadOnlyDictionary<string, string?> NewLabels => _labelColors;

    public bool TooManyLabels => _labelColors.Count > ImportRules.NewLabelsMax;

    /// <summary>Everyone the import invites, by email address.</summary>
    public IReadOnlyCollection<string> Invitees => _invitees.Keys;

    public bool TooManyInvitees => _invitees.Count > ImportRules.InviteesMax;

    public void Bad(long row, string reason)
    {
        Rows++;
        BadRows++;
        if (_errors.Count < ImportRules.MaxErrorsReported)
        {
            _errors.Add(new ImportRowError(row, ImportRules.Cut(reason)));
        }
    }

    public void Add(TaskDraft task)
    {
        Rows++;
        Tasks++;
        SubTasks += task.ParentKey is null ? 0 : 1;
        Comments += task.Comments.Count;
        _attachments += task.Attachments;
        _commentsByImporter += task.Comments.Count(c => c.AuthorId is null);
        foreach (var user in task.UnmappedUsers)
        {
            Count(_users, user);
        }

        foreach (var invitee in task.Invitees)
        {
            // Every one is kept (the import invites them all), up to one past the most it may invite.
            if (_invitees.Count <= ImportRules.InviteesMax || _invitees.ContainsKey(invitee))
            {
                _invitees[invitee] = _invitees.GetValueOrDefault(invitee) + 1;
            }
        }

        foreach (var label in task.Labels.Where(l => !existingLabels.Contains(l)))
        {
            Count(_labels, label);
            if (_labelColors.Count <= ImportRules.NewLabelsMax)
            {
                _labelColors.TryAdd(label, null);
            }
        }

        if (task.UnmappedStatus is { } status)
        {
            Count(_statuses, status);
        }

        if (task.UnmappedPriority is { } priority)
        {
            Count(_priorities, priority);
        }
    }

    /// <summary>The file's own labels (an export's, with colours) are created even when no task carries them.</summary>
    public void AddLabels(IEnumerable<SourceLabel> labels)
    {
        foreach (
            var label in labels.Where(l =>
                l.Name.Trim().Length is > 0 and <= Labels.LabelRules.NameMax && !existingLabels.Contains(l.Name.Trim())
            )
        )
        {
            _labels.TryAdd(label.Name.Trim(), 0);
            _labelColors[label.Name.Trim()] = label.Color;
        }
    }

    public ImportPreview Preview()
    {
        var warnings = new List<ImportName>();
        if (_attachments > 0)
        {
            warnings.Add(new ImportName("Attachments are not imported: the file links them but does not hold them.", _attachments));
        }

        if (_commentsByImporter > 0)
        {
            warnings.Add(new ImportName("Comments whose author is no member of the workspace are imported as yours.", _commentsByImporter));
        }

        return new ImportPreview(
            1,
            Tasks,
            SubTasks,
            Comments,
            _labels.Count,
            BadRows,
            Names(_users),
            Names(_labels),
            Names(_statuses),
            Names(_priorities),
            warnings,
            Names(_invitees)
        );
    }

    private static void Count(Dictionary<string, long> counts, string name)
    {
        // Past the cap only known names are counted, so a file of unique names cannot grow memory.
        if (counts.Count < ImportRules.MaxNamesReported * 100 || counts.ContainsKey(name))
        {
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }
    }

    private static List<ImportName> Names(Dictionary<string, long> counts) =>
        counts
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Key, StringComparer.OrdinalIgnoreCase)
            .Take(ImportRules.MaxNamesReported)
            .Select(c => new ImportName(ImportRules.Cut(c.Key), c.Value))
            .ToList();
}
