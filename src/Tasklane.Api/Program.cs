using Tasklane.Infrastructure.Hosting;

return await ApiHost.RunAsync(args);
