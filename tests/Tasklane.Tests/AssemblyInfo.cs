using NUnit.Framework;

// Tests share one set of services and hosts but each makes its own users and data, so they can run side by side.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]
