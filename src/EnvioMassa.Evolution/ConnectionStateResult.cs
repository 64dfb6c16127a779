namespace EnvioMassa.Evolution;

public enum InstanceConnectionState
{
    Open,
    Connecting,
    Close,

    /// <summary>Evolution has no instance by that name (404).</summary>
    NotFound,

    /// <summary>The key was refused (401/403).</summary>
    Unauthorized,

    /// <summary>No answer, or only errors after the retries: the state is not known.</summary>
    Unreachable,

    /// <summary>Evolution answered something this client does not understand.</summary>
    Unknown,
}

/// <param name="Reason">Portuguese, for the operator, when the state is not one Evolution reported.</param>
public sealed record ConnectionStateResult(InstanceConnectionState State, int? HttpStatus, string? Reason)
{
    public bool IsOpen => State == InstanceConnectionState.Open;
}
