namespace Tasklane.Infrastructure;

// Scrutor registers every class carrying one of these by scanning the features assembly,
// so a new slice's services need no registration edits.

/// <summary>Registered once per process.</summary>
public interface ISingletonService;

/// <summary>Registered once per request or message.</summary>
public interface IScopedService;
