namespace GongTongDizao.DevHost;

/// <summary>Settings of the local runner itself (section "DevHost").</summary>
public sealed class DevHostOptions
{
    public const string SectionName = "DevHost";

    /// <summary>Accepted for Function-level routes, like a function key in Azure.</summary>
    public string FunctionKey { get; set; } = "dev-function-key";

    /// <summary>Accepted for Function- and Admin-level routes, like the host master key in Azure.</summary>
    public string MasterKey { get; set; } = "dev-master-key";

    /// <summary>Where functions.metadata is; by default next to the DevHost assembly.</summary>
    public string? MetadataPath { get; set; }

    /// <summary>The host.json whose queue settings the pollers follow; by default the one next to the DevHost assembly.</summary>
    public string? HostJsonPath { get; set; }

    /// <summary>Start (or reuse) Azurite and the Cosmos emulator on loopback.</summary>
    public bool StartEmulators { get; set; } = true;

    /// <summary>Start the in-process WeChat simulator unless WeChat:BaseAddress points elsewhere.</summary>
    public bool StartWeChatSimulator { get; set; } = true;

    /// <summary>Create the demo governance tree and demo users at start (the Cosmos emulator keeps nothing).</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>How often timer-trigger functions run locally (their schedules are not evaluated).</summary>
    public TimeSpan TimerInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Run queue-trigger functions by polling their queues.</summary>
    public bool RunQueueTriggers { get; set; } = true;
}
