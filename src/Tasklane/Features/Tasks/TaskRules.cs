namespace Tasklane.Features.Tasks;

public static class TaskRules
{
    public const int TitleMax = 200;
    public const int DescriptionMax = 10_000;
    public const int EstimateMax = 1_000_000; // minutes, about 2 years of full-time work
    public const int AssigneesMax = 20;
    public const int LabelsMax = 20;

    /// <summary>Gap between consecutive positions when a task joins the end of a column.</summary>
    public const double PositionStep = 1024;

    /// <summary>A set of ids as stored and returned: distinct, sorted.</summary>
    public static Guid[] IdSet(IEnumerable<Guid> ids) => ids.Distinct().Order().ToArray();

    /// <summary>How a set of ids appears in a TaskUpdated change: comma-separated, sorted; null when empty.</summary>
    public static string? IdText(Guid[] ids) => ids.Length == 0 ? null : string.Join(",", ids);
}
