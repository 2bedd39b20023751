using System.Reflection;
using Wolverine.Attributes;

namespace Tasklane.Infrastructure.Messaging;

/// <summary>
/// The worker's durable Postgres queues, one per subscriber. A handler class names its queue with
/// <c>[StickyHandler(Queues.X)]</c>: every message type it handles is published to that queue, and there alone it
/// runs. So each subscriber of an event gets its own copy, written by the publisher's transaction, and a subscriber
/// that fails retries alone: a failing webhook fan-out never runs the activity entry again.
/// </summary>
public static class Queues
{
    /// <summary>The activity feeds (Record*Activity).</summary>
    public const string Activity = "activity";

    /// <summary>Notifications to users: assignments, mentions and replies, reminders that fell due.</summary>
    public const string Notifications = "notifications";

    /// <summary>Scheduling the reminder of a task's due date.</summary>
    public const string Reminders = "reminders";

    /// <summary>Recurring tasks: creating a series' next occurrence when its task is completed or its date comes.</summary>
    public const string Recurrences = "recurrences";

    /// <summary>Turning events into webhook deliveries.</summary>
    public const string WebhookEvents = "webhook_events";

    /// <summary>Sending webhook deliveries: slow receivers wait here, not in front of other work.</summary>
    public const string Webhooks = "webhooks";

    /// <summary>Outgoing mail (password resets, verifications, invitations): a slow SMTP server waits here alone.</summary>
    public const string Mail = "mail";

    /// <summary>Long jobs (<see cref="IJob"/>: exports).</summary>
    public const string Jobs = "jobs";

    /// <summary>Housekeeping: expiries and deleting stored objects.</summary>
    public const string Housekeeping = "worker";

    private static readonly Dictionary<(string Queue, Type Message), Func<object, bool>> Filters = FiltersIn(typeof(Queues).Assembly);

    private static readonly ILookup<string, (Type Message, MethodInfo Method)> Conditions = PinnedMethods(typeof(Queues).Assembly)
        .Where(m =>
            m.Method.IsStatic
            && m.Method.Name == "WrittenWhen"
            && m.Method.ReturnType == typeof(QueueCondition)
            && m.Method.GetParameters().Length == 1
        )
        .ToLookup(m => m.Queue, m => (m.Message, m.Method));

    /// <summary>
    /// Whether the subscriber on <paramref name="queue"/> has work for <paramref name="message"/>. A handler class says
    /// so with a static <c>bool Takes(TMessage)</c> beside its <c>Handle(TMessage)</c>; a message it does not take is
    /// not written to its queue at all, so a task created without a due date costs the reminders queue nothing.
    /// </summary>
    public static bool Takes(string queue, object message) =>
        !Filters.TryGetValue((queue, message.GetType()), out var takes) || takes(message);

    /// <summary>
    /// What must hold, in the publisher's transaction, for <paramref name="message"/> to be written to
    /// <paramref name="queue"/>, or null: always. A handler class says so with a static
    /// <c>QueueCondition WrittenWhen(TMessage)</c> (the message type may be an interface its messages share).
    /// </summary>
    public static QueueCondition? ConditionFor(string queue, object message) =>
        Conditions[queue]
            .Where(c => c.Message.IsInstanceOfType(message))
            .Select(c => (QueueCondition?)c.Method.Invoke(null, [message]))
            .FirstOrDefault();

    private static Dictionary<(string, Type), Func<object, bool>> FiltersIn(Assembly assembly) =>
        PinnedMethods(assembly)
            .Where(m =>
                m.Method.IsStatic && m.Method.Name == "Takes" && m.Method.ReturnType == typeof(bool) && m.Method.GetParameters().Length == 1
            )
            .ToDictionary(m => (m.Queue, m.Message), m => (Func<object, bool>)(message => (bool)m.Method.Invoke(null, [message])!));

    /// <summary>(queue, message type) for every handler method of every handler class pinned to a queue.</summary>
    public static IReadOnlyList<(string Queue, Type Message)> Subscriptions(Assembly assembly) =>
        PinnedMethods(assembly)
            .Where(m => m.Method.Name is "Handle" or "HandleAsync")
            .Select(m => (m.Queue, m.Message))
            .Distinct()
            .ToList();

    /// <summary>Every public method that takes a message, of every handler class pinned to a queue.</summary>
    private static IEnumerable<(string Queue, MethodInfo Method, Type Message)> PinnedMethods(Assembly assembly) =>
        from type in assembly.GetTypes()
        let sticky = type.GetCustomAttribute<StickyHandlerAttribute>()
        where sticky is not null
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        let parameters = method.GetParameters()
        where parameters.Length > 0
        select (sticky.EndpointName, method, parameters[0].ParameterType);
}
