using Tasklane.Cli;

return await CliApp.RunAsync(args, CliEnvironment.FromProcess());
