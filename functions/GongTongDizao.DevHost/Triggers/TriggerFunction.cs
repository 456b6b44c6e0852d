namespace GongTongDizao.DevHost.Triggers;

/// <summary>
/// A queue- or timer-trigger function as the worker reports it in its functions metadata.
/// </summary>
/// <param name="FunctionId">The worker's function id (what an InvocationRequest names).</param>
/// <param name="Name">The function name ([Function("...")]).</param>
/// <param name="BindingName">The trigger binding's name (the parameter the worker binds the payload to).</param>
/// <param name="BindingJson">
/// The trigger binding exactly as the worker reports it, for example
/// <c>{"name":"message","type":"queueTrigger","direction":"In","queueName":"%EventsQueue%","connection":"AzureWebJobsStorage"}</c> or
/// <c>{"name":"timer","type":"timerTrigger","direction":"In","schedule":"0 */5 * * * *","runOnStartup":false}</c>.
/// </param>
public sealed record TriggerFunction(string FunctionId, string Name, string BindingName, string BindingJson);
