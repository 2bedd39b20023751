namespace Tasklane.Tests.Faults;

/// <summary>
/// The fault tests run short in every test run (CI) and in full on demand: <c>TASKLANE_FAULTS=full ./test.sh</c>
/// (or with <c>--filter FullyQualifiedName~Faults</c>) raises the counts.
/// </summary>
public static class FaultSuite
{
    public static bool Full => string.Equals(Environment.GetEnvironmentVariable("TASKLANE_FAULTS"), "full", StringComparison.OrdinalIgnoreCase);

    /// <summary><paramref name="shortForm"/> in CI, <paramref name="full"/> when TASKLANE_FAULTS=full.</summary>
    public static int Count(int shortForm, int full) => Full ? full : shortForm;
}
