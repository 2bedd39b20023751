namespace Tasklane.Features.Projects;

public static class ProjectRules
{
    public const int NameMax = 100;
    public const int DescriptionMax = 10_000;

    /// <summary>How long a deleted project can be restored.</summary>
    public static readonly TimeSpan RestoreWindow = TimeSpan.FromDays(30);
}
