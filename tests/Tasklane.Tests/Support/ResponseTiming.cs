using System.Diagnostics;
using NUnit.Framework;

namespace Tasklane.Tests.Support;

/// <summary>
/// Whether two kinds of request can be told apart by their answer or by how long it takes: the enumeration check of the
/// anonymous account routes. The two kinds alternate (so that drift in the machine's load hits both alike), and after a
/// warm-up each is timed <c>tries / 2</c> times. The medians must differ by less than the noise, taken as the pooled
/// interquartile range: what one request varies by anyway on this machine.
/// </summary>
public static class ResponseTiming
{
    private const int WarmUp = 10;

    public static async Task AssertIndistinguishableAsync(
        Func<int, Task<HttpResponseMessage>> first,
        Func<int, Task<HttpResponseMessage>> second,
        int tries = 200
    )
    {
        var times = (First: new List<double>(), Second: new List<double>());
        string? answer = null;
        for (var i = 0; i < WarmUp + tries / 2; i++)
        {
            var a = await TimeAsync(first, i);
            var b = await TimeAsync(second, i);
            answer ??= a.Answer;
            Assert.That((a.Answer, b.Answer), Is.EqualTo((answer, answer)), $"try {i}: the same status and body for both");
            if (i >= WarmUp)
            {
                times.First.Add(a.Milliseconds);
                times.Second.Add(b.Milliseconds);
            }
        }

        var pooled = times.First.Concat(times.Second).Order().ToArray();
        var noise = Quantile(pooled, 0.75) - Quantile(pooled, 0.25);
        var (median1, median2) = (Median(times.First), Median(times.Second));
        TestContext.Out.WriteLine(
            $"medians {median1:F2} ms and {median2:F2} ms over {tries} tries; difference {Math.Abs(median1 - median2):F2} ms, noise (IQR) {noise:F2} ms"
        );
        Assert.That(Math.Abs(median1 - median2), Is.LessThanOrEqualTo(noise), "the medians differ by more than the noise");
    }

    private static async Task<(string Answer, double Milliseconds)> TimeAsync(Func<int, Task<HttpResponseMessage>> send, int i)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await send(i);
        var body = await response.Content.ReadAsStringAsync();
        return ($"{(int)response.StatusCode} {body}", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static double Median(List<double> values) => Quantile(values.Order().ToArray(), 0.5);

    private static double Quantile(double[] sorted, double q)
    {
        var position = (sorted.Length - 1) * q;
        var low = (int)Math.Floor(position);
        return sorted[low] + (sorted[Math.Min(low + 1, sorted.Length - 1)] - sorted[low]) * (position - low);
    }
}
