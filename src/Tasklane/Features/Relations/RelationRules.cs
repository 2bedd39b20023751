namespace Tasklane.Features.Relations;

public static class RelationRules
{
    /// <summary>A task's relations, both directions: enough for any real board, and a bound on one task's list.</summary>
    public const int PerTaskMax = 200;
}
