using System.Reflection;
using System.Reflection.Emit;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;

// IJobHostMetadataProvider is marked obsolete ("not ready for public consumption"); it is what the Functions host itself
// uses to turn binding JSON into attributes, and the SDK line is frozen (3.0.x).
#pragma warning disable CS0618

namespace GongTongDizao.DevHost.Triggers;

/// <summary>
/// Emits what the WebJobs SDK indexes, the way the Functions host does for functions it does not compile itself: a
/// public static class with one method per function, <c>[FunctionName]</c> on it and the trigger attribute on its first
/// parameter (<c>string</c> for a queue, <c>TimerInfo</c> for a timer), followed by a <see cref="Microsoft.Azure.WebJobs.Binder"/> (its
/// BindingData carries the trigger metadata) and the invocation's <see cref="CancellationToken"/>. Each body calls
/// <see cref="TriggerDispatcher.DispatchAsync"/> with the host key and the function's index.
/// </summary>
internal static class TriggerTypeEmitter
{
    private static readonly MethodInfo s_dispatch = typeof(TriggerDispatcher).GetMethod(nameof(TriggerDispatcher.DispatchAsync))!;
    private static readonly ConstructorInfo s_functionName = typeof(FunctionNameAttribute).GetConstructor([typeof(string)])!;

    public static Type Emit(string hostKey, IReadOnlyList<TriggerBinding> bindings, IJobHostMetadataProvider metadata, TimeSpan? timerInterval)
    {
        var name = $"GongTongDizao.DevHost.Triggers.Generated.H{hostKey}";
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName(name), AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule(name);
        var type = module.DefineType($"{name}.Functions", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Abstract | TypeAttributes.Sealed);
        for (var i = 0; i < bindings.Count; i++)
        {
            var binding = bindings[i];
            var triggerType = binding.Kind == TriggerKind.Queue ? typeof(string) : typeof(TimerInfo);
            var method = type.DefineMethod($"Function{i}", MethodAttributes.Public | MethodAttributes.Static,
                typeof(Task), [triggerType, typeof(Microsoft.Azure.WebJobs.Binder), typeof(CancellationToken)]);
            method.SetCustomAttribute(new CustomAttributeBuilder(s_functionName, [binding.Function.Name]));
            method.DefineParameter(1, ParameterAttributes.None, binding.Function.BindingName)
                .SetCustomAttribute(TriggerAttribute(binding, metadata, timerInterval));
            method.DefineParameter(2, ParameterAttributes.None, "__binder");
            method.DefineParameter(3, ParameterAttributes.None, "__cancellationToken");

            var il = method.GetILGenerator();
            il.Emit(OpCodes.Ldstr, hostKey);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Call, s_dispatch);
            il.Emit(OpCodes.Ret);
        }

        return type.CreateType();
    }

    private static CustomAttributeBuilder TriggerAttribute(TriggerBinding binding, IJobHostMetadataProvider metadata, TimeSpan? timerInterval)
    {
        if (binding.Kind == TriggerKind.Timer)
        {
            // GetAttribute cannot build this one (the constructor's parameter is not named after the JSON's "schedule").
            // A TimeSpan expression ("00:00:05") is the SDK's constant schedule.
            var schedule = timerInterval is { } interval ? interval.ToString("c", System.Globalization.CultureInfo.InvariantCulture) : binding.Schedule!;
            return new CustomAttributeBuilder(
                typeof(TimerTriggerAttribute).GetConstructor([typeof(string)])!, [schedule],
                [typeof(TimerTriggerAttribute).GetProperty(nameof(TimerTriggerAttribute.RunOnStartup))!, typeof(TimerTriggerAttribute).GetProperty(nameof(TimerTriggerAttribute.UseMonitor))!],
                [binding.RunOnStartup, binding.UseMonitor]);
        }

        var attribute = metadata.GetAttribute(typeof(QueueTriggerAttribute), binding.Json)
            ?? throw new InvalidOperationException($"Function '{binding.Function.Name}': the WebJobs SDK made no QueueTrigger attribute of {binding.Function.BindingJson}.");
        return AttributeBuilders.From(attribute);
    }
}
