namespace GongTongDizao.WeChat.Simulator;

/// <summary>How the simulator protects the pushes it sends (the console's 数据加密方式).</summary>
public enum SimulatorPushMode
{
    Plain,
    Compatible,
    Safe,
}
