using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Infrastructure;
using Wolverine;
namespace Tasklane.Features.Projects;

public static class ProjectRules
{
    public const int NameMax = 100;
    public const int DescriptionMax = 10_000;
}
