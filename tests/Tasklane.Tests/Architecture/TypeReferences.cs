using System.Reflection;
using System.Reflection.Emit;

namespace Tasklane.Tests.Architecture;

/// <summary>
/// Which types a type uses, read from the compiled assembly: signatures (base type, interfaces, fields,
/// properties, parameters, return types, generic arguments, attributes) and every type, method and field
/// token in its method bodies' IL. Compiler-generated nested types (lambdas, async state machines) count
/// for the type that declares them, so a reference inside a lambda is not missed.
/// </summary>
public static class TypeReferences
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The outermost declaring type: what a nested or compiler-generated type belongs to.</summary>
    public static Type Owner(Type type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    /// <summary>Every type <paramref name="type"/> (with its nested types) uses, generic arguments unwrapped.</summary>
    public static HashSet<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        foreach (var t in WithNested(type))
        {
            Add(found, t.BaseType);
            foreach (var i in t.GetInterfaces())
            {
                Add(found, i);
            }

            foreach (var a in t.GetCustomAttributesData())
            {
                Add(found, a.AttributeType);
            }

            foreach (var f in t.GetFields(Everything))
            {
                Add(found, f.FieldType);
            }

            foreach (var p in t.GetProperties(Everything))
            {
                Add(found, p.PropertyType);
            }

            foreach (var m in t.GetMethods(Everything).Cast<MethodBase>().Concat(t.GetConstructors(Everything)))
            {
                if (m is MethodInfo info)
                {
                    Add(found, info.ReturnType);
                }

                foreach (var p in m.GetParameters())
                {
                    Add(found, p.ParameterType);
                }

                foreach (var a in m.GetCustomAttributesData())
                {
                    Add(found, a.AttributeType);
                }

                FromBody(found, m);
            }
        }

        return found;
    }

    private static IEnumerable<Type> WithNested(Type type) =>
        new[] { type }.Concat(type.GetNestedTypes(Everything).SelectMany(WithNested));

    private static void FromBody(HashSet<Type> found, MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return;
        }

        var module = method.Module;
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var i = 0;
        while (i < il.Length)
        {
            var value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    try
                    {
                        switch (module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs))
                        {
                            case Type t:
                                Add(found, t);
                                break;
                            case MethodBase m:
                                Add(found, m.DeclaringType);
                                foreach (var p in m.GetParameters())
                                {
                                    Add(found, p.ParameterType);
                                }

                                if (m is MethodInfo mi)
                                {
                                    Add(found, mi.ReturnType);
                                    if (mi.IsGenericMethod)
                                    {
                                        foreach (var g in mi.GetGenericArguments())
                                        {
                                            Add(found, g);
                                        }
                                    }
                                }

                                break;
                            case FieldInfo f:
                                Add(found, f.DeclaringType);
                                Add(found, f.FieldType);
                                break;
                        }
                    }
                    catch (ArgumentException)
                    {
                        // A token in a generic context the reflection API cannot resolve: signatures above still cover its types.
                    }

                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (BitConverter.ToInt32(il, i) * 4);
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    i += 8;
                    break;
                default:
                    i += 4;
                    break;
            }
        }
    }

    private static void Add(HashSet<Type> found, Type? type)
    {
        if (type is null)
        {
            return;
        }

        if (type.HasElementType)
        {
            Add(found, type.GetElementType());
            return;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Add(found, argument);
            }

            type = type.GetGenericTypeDefinition();
        }

        if (!type.IsGenericParameter)
        {
            // Nested types count as their outermost declaring type, the unit the rules are about.
            found.Add(Owner(type));
        }
    }
}
