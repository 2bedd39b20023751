namespace Tasklane.Tests.Faults;

/// <summary>
/// Sizes of the fault tests: a short form for every run (CI), the full form with <c>TASKLANE_FAULTS=full</c>.
/// </summary>
public static class FaultSuite
{
    public static bool Full => Environment.GetEnvironmentVariable("TASKLANE_FAULTS") == "full";

    /// <summary>Tasks written by the ledger test.</summary>
    public static int LedgerWrites => Full ? 5000 : 600;
}
