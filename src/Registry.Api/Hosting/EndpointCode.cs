using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using MediatR;
using Registry.Api.Endpoints;
using Registry.Application.Common;

namespace Registry.Api.Hosting;

/// <summary>
/// What an endpoint's handler does, read from its compiled code: the requests it sends through the mediator and the
/// version and location headers it reads or writes. The OpenAPI document is built from these facts rather than from a
/// second hand-written declaration, so it cannot drift from the code: a handler that sends <c>SubmitBid</c> is documented
/// with <c>SubmitBid</c>'s <see cref="AllowedForAttribute"/> roles, the same ones the pipeline enforces.
/// </summary>
public static class EndpointCode
{
    /// <summary>The facts of one handler.</summary>
    public sealed record Facts(IReadOnlyList<Type> Requests, bool ReadsIfMatch, bool WritesETag, bool WritesLocation);

    private static readonly ConcurrentDictionary<MethodInfo, Facts> Cache = new();

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private static readonly MethodInfo IfMatch = typeof(Http).GetMethod(nameof(Http.IfMatch))!;
    private static readonly MethodInfo SetETag = typeof(Http).GetMethod(nameof(Http.SetETag))!;

    public static Facts Of(MethodInfo handler) => Cache.GetOrAdd(handler, h =>
    {
        var called = new HashSet<MethodBase>();
        Walk(h, called, new HashSet<MethodBase>());
        var requests = called.Select(m => m is ConstructorInfo c ? c.DeclaringType : (m as MethodInfo)?.ReturnType)
            .Concat(h.GetParameters().Select(p => p.ParameterType))
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBaseRequest).IsAssignableFrom(t))
            .Distinct().Select(t => t!).ToList();
        return new Facts(requests, called.Contains(IfMatch), called.Contains(SetETag),
            called.Any(m => m.Name is "Created" && m.DeclaringType is { } d && (d == typeof(Http) || d == typeof(TypedResults) || d == typeof(Results))));
    });

    // Follows calls into the host's own code (helpers, query records, async state machines and lambdas), nothing beyond it.
    private static void Walk(MethodBase method, HashSet<MethodBase> called, HashSet<MethodBase> visited)
    {
        if (!visited.Add(method)) return;
        if (method.GetCustomAttribute<AsyncStateMachineAttribute>() is { } async)
            Walk(async.StateMachineType.GetMethod("MoveNext", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)!, called, visited);
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) return;
        var typeArgs = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[i + 1])] : OpCodesByValue[il[i]];
            i += code.Size;
            if (code.OperandType == OperandType.InlineMethod)
            {
                var target = method.Module.ResolveMethod(BitConverter.ToInt32(il, i), typeArgs, methodArgs);
                if (target is not null && called.Add(target) && target.DeclaringType?.Assembly == typeof(EndpointCode).Assembly)
                    Walk(target, called, visited);
            }
            i += code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
    }
}
