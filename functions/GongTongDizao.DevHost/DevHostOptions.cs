namespace GongTongDizao.DevHost;

/// <summary>Settings of the local Functions host itself (section "DevHost"); none of them reach the worker.</summary>
public sealed class DevHostOptions
{
    public const string SectionName = "DevHost";

    /// <summary>Accepted for Function-level routes, like a function key in Azure (Core Tools' local default key).</summary>
    public string FunctionKey { get; set; } = "dev-function-key";

    /// <summary>Accepted for Function- and Admin-level routes, like the host master key in Azure.</summary>
    public string MasterKey { get; set; } = "dev-master-key";

    /// <summary>The Functions app's build output; by default the one recorded when this host was built.</summary>
    public string? AppDirectory { get; set; }

    /// <summary>A host.json to use instead of the app's own (tests shorten queue timings with it).</summary>
    public string? HostJsonPath { get; set; }

    /// <summary>Start (or reuse) Azurite and the Cosmos emulator on loopback.</summary>
    public bool StartEmulators { get; set; } = true;

    /// <summary>Start the in-process WeChat simulator unless WeChat:BaseAddress points elsewhere.</summary>
    public bool StartWeChatSimulator { get; set; } = true;

    /// <summary>Load the demo governance tree and demo people through the admin API at start.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>
    /// With the demo data, also the 青年点单 demo (volunteer profiles, two teams, four orders). Test hosts that do not look
    /// at teams leave it out: it is some forty calls per host and hosts share one emulator.
    /// </summary>
    public bool SeedDemoVolunteering { get; set; } = true;

    /// <summary>When set, every timer trigger runs at this interval instead of its NCRONTAB schedule.</summary>
    public TimeSpan? TimerInterval { get; set; }

    /// <summary>Run queue and timer triggers (off only for hosts that test HTTP alone).</summary>
    public bool RunTriggers { get; set; } = true;

    /// <summary>How long start-up waits for the worker's first handshake.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(120);
}
