using Tasklane.Infrastructure.Hosting;

return await WorkerHost.RunAsync(args);
