namespace GongTongDizao.WeChat.Simulator;

/// <summary>The data format of the pushes the simulator sends.</summary>
public enum SimulatorPushFormat
{
    Json,
    Xml,
}
