using System.Text.Json;
using GongTongDizao.Testing;

namespace GongTongDizao.DevHost.Tests;

public sealed class LogScannerTests
{
    private const string AppSecret = "simulator-app-secret-0123456789ab";
    private const string AccessToken = "SIM_k3J9xQ-abc_DEF0123456789ghijklmnopqrstuvwxyz";
    private const string OpenId = "oZmB0w3t7gLrIKIxtlhoNlIXDC3X";
    private const string UnionId = "uAbCdEfGhIjKlMnOpQrStUvWxYz1";
    private const string SessionKey = "tiihtNczf5v6AKRyjwEUhQ==";
    private const string SigningKey = "q2Xk5m+8Vb0/3Jt9QZr1sY7wLp4Hc6Nd2Fg8Ke0Ua1I=";
    private const string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MTIzNDU2Nzg5MCJ9.c2lnbmF0dXJlLXBhcnQtaGVyZQ";

    private static readonly LogSecret[] s_secrets =
    [
        new("app-secret", AppSecret),
        new("access-token", AccessToken),
        new("openid", OpenId),
        new("unionid", UnionId),
        new("session-key", SessionKey),
        new("signing-key", SigningKey),
    ];

    public static TheoryData<string, string, string> Leaks => new()
    {
        { "app-secret", $"GET /sns/jscode2session?appid=wx1&secret={AppSecret}&js_code=x", AppSecret },
        { "access-token", $"Calling /cgi-bin/message/subscribe/send?access_token={AccessToken}", AccessToken },
        { "openid", $"Delivered to {OpenId} in 12 ms", OpenId },
        { "unionid", $"unionid={UnionId}", UnionId },
        { "session-key", $"session {{\"session_key\":\"{SessionKey}\"}}", SessionKey },
        { "session-key", $"body=session_key%3D{Uri.EscapeDataString(SessionKey)}", Uri.EscapeDataString(SessionKey) },
        { "signing-key", $"Auth:SigningKey={SigningKey}", SigningKey },
        { LogScanner.JwtKind, $"Authorization: Bearer {Jwt} rejected", Jwt },
        { LogScanner.PhoneKind, "Linked phone 13912345678 to user u1", "13912345678" },
        { LogScanner.PhoneKind, "code=phone-13812345678", "13812345678" },
        { LogScanner.PhoneKind, "countryCode=86 phone=+8615012345678.", "+8615012345678" },
    };

    [Theory]
    [MemberData(nameof(Leaks))]
    public void Finds_each_kind_and_the_sample_masks_it(string kind, string line, string secret)
    {
        var findings = new LogScanner(s_secrets).Scan(["Information Startup: ready", line]);

        var finding = Assert.Single(findings);
        Assert.Equal(kind, finding.Kind);
        Assert.DoesNotContain(secret, finding.Sample, StringComparison.Ordinal);
        Assert.Contains($"[{kind}]", finding.Sample, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTTP POST /api/letters -> 201 in 13.5 ms")]
    [InlineData("Event 3f2a13912345678bc0d9e1f2a3b4c5d6 published")]
    [InlineData("Org 420106008001 imported at 1735689600123")]
    [InlineData("Token eyJhbGciOiJIUzI1NiJ9 alone is not a JWT")]
    [InlineData("user u1391234567890 logged in")]
    public void Ordinary_lines_are_clean(string line)
    {
        var scanner = new LogScanner(s_secrets);

        Assert.Empty(scanner.Scan([line]));
        Assert.Equal(line, scanner.Mask(line));
    }

    [Fact]
    public void A_sample_masks_every_secret_in_its_line_not_only_the_one_it_reports()
    {
        var line = $"login {OpenId} with {SessionKey} phone 13912345678 token {Jwt}";

        var findings = new LogScanner(s_secrets).Scan([line]);

        Assert.Equal(["openid", "session-key", LogScanner.PhoneKind, LogScanner.JwtKind], findings.Select(f => f.Kind));
        foreach (var finding in findings)
        {
            Assert.Equal("login [openid] with [session-key] phone [phone] token [jwt]", finding.Sample);
        }
    }

    [Fact]
    public void Values_too_short_to_be_credentials_are_ignored()
    {
        var scanner = new LogScanner([new LogSecret("app-secret", "ab"), new LogSecret("openid", string.Empty)]);

        Assert.Empty(scanner.Scan(["ab cd ab"]));
        Assert.Equal(0, scanner.KnownValues);
    }

    [Fact]
    public void The_report_counts_lines_and_never_writes_a_secret()
    {
        var results = Path.Combine(Path.GetTempPath(), $"gtd-results-{Guid.NewGuid():N}");
        try
        {
            string[] lines = ["Information Startup: ready", $"Warning Login: openid {OpenId} has no profile", "Information HTTP GET /api/me -> 200"];

            var first = LogHygieneReport.Write("ScannerFixture", "ScannerFixture test", lines, s_secrets, results);
            var second = LogHygieneReport.Write("ScannerFixture", "ScannerFixture test", ["clean"], s_secrets, results);

            using var report = JsonDocument.Parse(File.ReadAllText(first));
            Assert.Equal(Path.Combine(results, "logs", "ScannerFixture-1.json"), first);
            Assert.Equal(Path.Combine(results, "logs", "ScannerFixture-2.json"), second);
            Assert.Equal(3, report.RootElement.GetProperty("lines").GetInt32());
            var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
            Assert.Equal("openid", finding.GetProperty("kind").GetString());
            var written = Directory.GetFiles(Path.Combine(results, "logs")).Select(File.ReadAllText).ToList();
            Assert.Equal(4, written.Count);
            Assert.All(written, text => Assert.DoesNotContain(OpenId, text, StringComparison.Ordinal));
            Assert.Contains("Warning Login: openid [openid] has no profile", File.ReadAllText(Path.ChangeExtension(first, ".log")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }
}
