using System.Globalization;
using System.Text;

namespace GongTongDizao.Infra.Tests.Support;

/// <summary>A node of a parsed ARM template expression (the text between the outer brackets of "[...]").</summary>
internal abstract record ArmNode
{
    /// <summary>Every node of this subtree, this one first.</summary>
    public IEnumerable<ArmNode> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children())
        {
            foreach (var node in child.DescendantsAndSelf())
            {
                yield return node;
            }
        }
    }

    protected abstract IEnumerable<ArmNode> Children();
}

internal sealed record ArmString(string Value) : ArmNode
{
    protected override IEnumerable<ArmNode> Children() => [];

    public override string ToString() => "'" + Value.Replace("'", "''", StringComparison.Ordinal) + "'";
}

internal sealed record ArmNumber(string Text) : ArmNode
{
    protected override IEnumerable<ArmNode> Children() => [];

    public override string ToString() => Text;
}

internal sealed record ArmCall(string Name, IReadOnlyList<ArmNode> Arguments) : ArmNode
{
    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    protected override IEnumerable<ArmNode> Children() => Arguments;

    public override string ToString() => Name + "(" + string.Join(", ", Arguments) + ")";
}

internal sealed record ArmMember(ArmNode Target, string Property) : ArmNode
{
    protected override IEnumerable<ArmNode> Children() => [Target];

    public override string ToString() => Target + "." + Property;
}

internal sealed record ArmIndex(ArmNode Target, ArmNode Index) : ArmNode
{
    protected override IEnumerable<ArmNode> Children() => [Target, Index];

    public override string ToString() => Target + "[" + Index + "]";
}

/// <summary>
/// A small parser for ARM template language expressions: string literals ('' escapes), numbers, function
/// calls, property access and indexers. Enough to read what Bicep compiles to.
/// </summary>
internal static class ArmExpression
{
    /// <summary>True for a JSON string value that ARM evaluates as an expression ("[...]" but not "[[...").</summary>
    public static bool IsExpression(string value) =>
        value.Length >= 2 && value[0] == '[' && value[^1] == ']' && !value.StartsWith("[[", StringComparison.Ordinal);

    /// <summary>Parses a JSON string value: an expression, or a literal string node.</summary>
    public static ArmNode ParseValue(string value) =>
        IsExpression(value) ? Parse(value[1..^1]) : new ArmString(value.StartsWith("[[", StringComparison.Ordinal) ? value[1..] : value);

    public static ArmNode Parse(string expression)
    {
        var parser = new Parser(expression);
        var node = parser.ParseExpression();
        parser.SkipWhitespace();
        if (!parser.AtEnd)
        {
            throw parser.Error("unexpected trailing text");
        }

        return node;
    }

    private sealed class Parser(string text)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        public FormatException Error(string message) =>
            new(string.Create(CultureInfo.InvariantCulture, $"ARM expression: {message} at {_position} in: {text}"));

        public void SkipWhitespace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        public ArmNode ParseExpression()
        {
            var node = ParsePrimary();
            while (true)
            {
                SkipWhitespace();
                if (AtEnd)
                {
                    return node;
                }

                if (text[_position] == '.')
                {
                    _position++;
                    node = new ArmMember(node, ReadIdentifier());
                }
                else if (text[_position] == '[')
                {
                    _position++;
                    var index = ParseExpression();
                    Expect(']');
                    node = new ArmIndex(node, index);
                }
                else
                {
                    return node;
                }
            }
        }

        private ArmNode ParsePrimary()
        {
            SkipWhitespace();
            if (AtEnd)
            {
                throw Error("unexpected end");
            }

            var c = text[_position];
            if (c == '\'')
            {
                return new ArmString(ReadString());
            }

            if (char.IsDigit(c) || c == '-')
            {
                var start = _position++;
                while (!AtEnd && (char.IsDigit(text[_position]) || text[_position] == '.'))
                {
                    _position++;
                }

                return new ArmNumber(text[start.._position]);
            }

            var name = ReadIdentifier();
            SkipWhitespace();
            Expect('(');
            var arguments = new List<ArmNode>();
            SkipWhitespace();
            if (!AtEnd && text[_position] == ')')
            {
                _position++;
                return new ArmCall(name, arguments);
            }

            while (true)
            {
                arguments.Add(ParseExpression());
                SkipWhitespace();
                if (AtEnd)
                {
                    throw Error("unterminated argument list");
                }

                if (text[_position] == ',')
                {
                    _position++;
                    continue;
                }

                Expect(')');
                return new ArmCall(name, arguments);
            }
        }

        private string ReadString()
        {
            var builder = new StringBuilder();
            _position++;
            while (true)
            {
                if (AtEnd)
                {
                    throw Error("unterminated string");
                }

                var c = text[_position++];
                if (c != '\'')
                {
                    builder.Append(c);
                }
                else if (!AtEnd && text[_position] == '\'')
                {
                    builder.Append('\'');
                    _position++;
                }
                else
                {
                    return builder.ToString();
                }
            }
        }

        private string ReadIdentifier()
        {
            SkipWhitespace();
            var start = _position;
            while (!AtEnd && (char.IsLetterOrDigit(text[_position]) || text[_position] is '_' or '$'))
            {
                _position++;
            }

            if (start == _position)
            {
                throw Error("identifier expected");
            }

            return text[start.._position];
        }

        private void Expect(char c)
        {
            SkipWhitespace();
            if (AtEnd || text[_position] != c)
            {
                throw Error($"'{c}' expected");
            }

            _position++;
        }
    }
}
