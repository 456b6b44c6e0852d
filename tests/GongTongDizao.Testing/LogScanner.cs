using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace GongTongDizao.Testing;

/// <summary>A value that must never appear in a log, and what it is (the kind is all a report may show).</summary>
public sealed record LogSecret(string Kind, string Value);

/// <summary>One secret found in one log line; the sample has every secret in it replaced by <c>[kind]</c>.</summary>
public sealed record LogFinding(string Kind, string Sample);

/// <summary>
/// Finds known secrets (exact values, also URL-encoded), JWT-shaped strings and mainland mobile numbers in log
/// lines, and masks them so a report or a kept log never repeats what it found.
/// </summary>
public sealed partial class LogScanner
{
    public const string JwtKind = "jwt";
    public const string PhoneKind = "phone";

    // Shorter values would match by chance (and no credential is that short).
    private const int MinimumSecretLength = 8;
    private const int SampleRadius = 80;

    private readonly Dictionary<string, string> _kindByValue = new(StringComparer.Ordinal);
    private readonly SearchValues<string>? _values;

    public LogScanner(IEnumerable<LogSecret> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (var secret in secrets.Where(s => s.Value.Length >= MinimumSecretLength))
        {
            // A value inside a logged URL or form body appears escaped (base64's '+', '/' and '=').
            _kindByValue.TryAdd(secret.Value, secret.Kind);
            _kindByValue.TryAdd(Uri.EscapeDataString(secret.Value), secret.Kind);
        }

        _values = _kindByValue.Count == 0 ? null : SearchValues.Create([.. _kindByValue.Keys], StringComparison.Ordinal);
    }

    /// <summary>How many distinct values (escaped forms included) the scanner looks for besides the patterns.</summary>
    public int KnownValues => _kindByValue.Count;

    public IReadOnlyList<LogFinding> Scan(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var findings = new List<LogFinding>();
        foreach (var line in lines)
        {
            var hits = Hits(line);
            if (hits.Count == 0)
            {
                continue;
            }

            var (masked, starts) = Mask(line, hits);
            for (var i = 0; i < hits.Count; i++)
            {
                var from = Math.Max(0, starts[i] - SampleRadius);
                var to = Math.Min(masked.Length, starts[i] + hits[i].Kind.Length + 2 + SampleRadius);
                findings.Add(new LogFinding(hits[i].Kind, masked[from..to]));
            }
        }

        return findings;
    }

    /// <summary>The text with every secret and pattern replaced by <c>[kind]</c>; unchanged when it holds none.</summary>
    public string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hits = Hits(text);
        return hits.Count == 0 ? text : Mask(text, hits).Masked;
    }

    private static (string Masked, int[] Starts) Mask(string text, List<Hit> hits)
    {
        var builder = new StringBuilder(text.Length);
        var starts = new int[hits.Count];
        var position = 0;
        for (var i = 0; i < hits.Count; i++)
        {
            builder.Append(text, position, hits[i].Start - position);
            starts[i] = builder.Length;
            builder.Append('[').Append(hits[i].Kind).Append(']');
            position = hits[i].Start + hits[i].Length;
        }

        builder.Append(text, position, text.Length - position);
        return (builder.ToString(), starts);
    }

    /// <summary>Every match in the line, ordered and without overlaps (the earlier, then longer, match wins).</summary>
    private List<Hit> Hits(string line)
    {
        var all = new List<Hit>();
        if (_values is not null)
        {
            var offset = 0;
            while (offset < line.Length)
            {
                var index = line.AsSpan(offset).IndexOfAny(_values);
                if (index < 0)
                {
                    break;
                }

                var start = offset + index;
                var value = _kindByValue.Keys.Where(v => line.AsSpan(start).StartsWith(v, StringComparison.Ordinal)).MaxBy(v => v.Length)!;
                all.Add(new Hit(start, value.Length, _kindByValue[value]));
                offset = start + value.Length;
            }
        }

        all.AddRange(Jwt().Matches(line).Select(m => new Hit(m.Index, m.Length, JwtKind)));
        all.AddRange(Phone().Matches(line).Select(m => new Hit(m.Index, m.Length, PhoneKind)));
        all.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var kept = new List<Hit>(all.Count);
        foreach (var hit in all)
        {
            if (kept.Count == 0 || hit.Start >= kept[^1].Start + kept[^1].Length)
            {
                kept.Add(hit);
            }
        }

        return kept;
    }

    [GeneratedRegex(@"eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}")]
    private static partial Regex Jwt();

    // A mainland mobile number, optionally with the 86 country code. Letters count as a boundary too: an 11-digit
    // run inside a hex id ("…a13912345678f…") would otherwise turn up about once per thousand logged GUIDs.
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:\+?86)?1[3-9][0-9]{9}(?![0-9A-Za-z])")]
    private static partial Regex Phone();

    private readonly record struct Hit(int Start, int Length, string Kind);
}
