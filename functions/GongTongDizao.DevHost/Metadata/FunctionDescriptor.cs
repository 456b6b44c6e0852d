using System.Reflection;

namespace GongTongDizao.DevHost.Metadata;

/// <summary>One function as functions.metadata describes it, resolved to the method that implements it.</summary>
public sealed record FunctionDescriptor(string Name, MethodInfo Method, HttpTriggerBinding? Http, QueueTriggerBinding? Queue, TimerTriggerBinding? Timer = null);

public sealed record HttpTriggerBinding(string ParameterName, AuthLevel AuthLevel, IReadOnlyList<string> Methods, string Route);

public sealed record QueueTriggerBinding(string ParameterName, string QueueName);

public sealed record TimerTriggerBinding(string ParameterName, string Schedule);

public enum AuthLevel
{
    Anonymous,
    User,
    Function,
    System,
    Admin,
}
