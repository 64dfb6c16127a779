namespace EnvioMassa.Evolution;

public enum InstanceConnectionState
{
    Open,
    Connecting,
    Close,

    /// <summary>
    /// Evolution gave up on the QR code (its limit was reached): the number is not connected. Evolution 2.3.6 says so
    /// only in the <c>connection.update</c> webhook and then reports <c>close</c> here, but the type of the state this
    /// route reports admits <c>refused</c>, so it is read rather than taken for an unknown (which would not pause).
    /// </summary>
    Refused,

    /// <summary>
    /// Evolution has no instance by that name (its 404 <c>The "x" instance does not exist</c>, see
    /// <see cref="SendOutcome.InstanceGone"/>). A 404 without those words is <see cref="Unknown"/>.
    /// </summary>
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

public static class InstanceConnectionStateExtensions
{
    /// <summary>
    /// The state as Evolution names it (<c>open</c>, <c>connecting</c>, <c>close</c>, <c>refused</c>) — the words
    /// recorded in <c>instancias.estado</c> — or null when Evolution reported no state (not found, refused key, no answer).
    /// </summary>
    public static string? NomeNoEvolution(this InstanceConnectionState state) => state switch
    {
        InstanceConnectionState.Open => "open",
        InstanceConnectionState.Connecting => "connecting",
        InstanceConnectionState.Close => "close",
        InstanceConnectionState.Refused => "refused",
        _ => null,
    };
}
