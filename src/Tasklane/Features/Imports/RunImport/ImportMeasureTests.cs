using System.Diagnostics;
using System.Text;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Imports.ImportTestKit;

namespace Tasklane.Features.Imports.RunImport;

/// <summary>
/// Throughput and the worker's peak memory for a small and a 10× larger CSV import, each on a fresh worker process (its
/// peak RSS, VmHWM, is then the import's). Explicit: minutes of work, run by hand
/// (<c>dotnet test --filter FullyQualifiedName~ImportMeasureTests</c>); figures go to the test output.
/// </summary>
[Explicit("a measurement")]
public class ImportMeasureTests
{
    [TestCase(10_000, 100_000)]
    public async Task Memory_stays_flat_as_the_file_grows(int small, int large)
    {
        await using var services = await TestEnvironment.Services.WithNewDatabaseAsync();
        await TasklaneHosts.MigrateAsync(services);
        await using var hosts = await TasklaneHosts.StartAsync(services, withWorker: false);
        var owner = await ApiClient.SignUpAsync(hosts);
        var results = new List<(int Rows, double Seconds, long PeakKb)>();
        foreach (var rows in new[] { small, large })
        {
            var workspaceId = await owner.CreateWorkspaceAsync();
            var csv = new StringBuilder("id,title,description,status,labels,parent_id\r\n");
            for (var i = 1; i <= rows; i++)
            {
                csv.Append(
                    $"{i},Task {i},{new string('d', 200)},{(i % 3 == 0 ? "done" : "todo")},{(i % 2 == 0 ? "even" : "")},{(i % 10 == 0 ? i - 1 : "")}\r\n"
                );
            }

            var objectKey = await UploadAsync(owner, workspaceId, csv.ToString());
            await using var worker = await HostProcess.StartWorkerAsync(services);
            var clock = Stopwatch.StartNew();
            var started = await StartAsync(owner, workspaceId, new { source = "csv", objectKey });
            var finished = await FinishedAsync(owner, started.GetProperty("id").GetGuid(), TimeSpan.FromMinutes(20));
            clock.Stop();
            Assert.That(finished.GetProperty("created").GetInt64(), Is.EqualTo(rows), finished.ToString());
            var peak = File.ReadAllLines($"/proc/{worker.ProcessId}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            results.Add(
                (
                    rows,
                    clock.Elapsed.TotalSeconds,
                    long.Parse(peak.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture)
                )
            );
        }

        foreach (var (rows, seconds, peakKb) in results)
        {
            TestContext.Out.WriteLine(
                $"import: {rows} rows in {seconds:0.0} s ({rows / seconds:0} tasks/s), worker peak RSS {peakKb / 1024.0:0} MiB"
            );
        }

        TestContext.Out.WriteLine($"import: peak RSS ratio {results[1].PeakKb / (double)results[0].PeakKb:0.00}");
        Assert.That(results[1].PeakKb, Is.LessThanOrEqualTo(results[0].PeakKb * 1.5), "memory flat: at most 1.5× for 10× the rows");
    }
}
