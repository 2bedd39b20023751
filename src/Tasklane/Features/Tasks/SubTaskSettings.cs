using Microsoft.Extensions.Configuration;
using Tasklane.Infrastructure;

namespace Tasklane.Features.Tasks;

/// <summary>The <c>SubTasks</c> configuration section.</summary>
public sealed class SubTaskSettings : ISingletonService
{
    /// <summary>The most <see cref="MaxDepth"/> may be set to: the tree walks of a write stay short whatever the setting.</summary>
    public const int DepthLimit = 50;

    public SubTaskSettings(IConfiguration config)
    {
        config.GetSection("SubTasks").Bind(this);
        if (MaxDepth is < 1 or > DepthLimit)
        {
            throw new InvalidOperationException($"SubTasks:MaxDepth must be between 1 and {DepthLimit}; it is {MaxDepth}.");
        }
    }

    /// <summary>How many levels of sub-tasks a top-level task may have (1: sub-tasks, but none of their own).</summary>
    public int MaxDepth { get; set; } = 5;
}
