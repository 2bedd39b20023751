namespace Tasklane.Features.Projects;

public static class ProjectRules
{
    public const int NameMax = 100;
    public const int DescriptionMax = 10_000;
}
