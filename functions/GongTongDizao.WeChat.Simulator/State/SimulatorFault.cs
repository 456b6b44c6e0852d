namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// A fault switch: the next <see cref="Count"/> calls to <see cref="Api"/> (or <c>*</c>) wait
/// <see cref="DelayMs"/>, then answer <see cref="HttpStatus"/> or errcode <see cref="ErrCode"/> if set, else
/// proceed normally. Count -1 means until cleared.
/// </summary>
public sealed record SimulatorFault(string Api, int? ErrCode = null, int? DelayMs = null, int? HttpStatus = null, int Count = 1);
