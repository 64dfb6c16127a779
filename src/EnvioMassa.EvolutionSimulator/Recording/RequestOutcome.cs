namespace EnvioMassa.EvolutionSimulator.Recording;

/// <summary>How the simulator answered a request, as reported by <c>/_sim/requests</c> and <c>/_sim/stats</c>.</summary>
public static class RequestOutcome
{
    public const string Accepted = "accepted";
    public const string ExistsFalse = "exists_false";
    public const string ConnectionClosed = "connection_closed";
    public const string Timeout = "timeout";
    public const string TimedOut = "timed_out";
    public const string Error5xx = "error_5xx";
    public const string TooManyRequests = "too_many_requests";
    public const string Unauthorized = "unauthorized";
    public const string NotFound = "not_found";
    public const string BadRequest = "bad_request";

    /// <summary>201 with Meta's error and no key.id: a 2xx that is not an acceptance.</summary>
    public const string CloudRefused = "cloud_refused";

    public const string InternalError = "internal_error";

    /// <summary>Still being answered.</summary>
    public const string Pending = "pending";

    public static string FromStatus(int status) => status switch
    {
        >= 200 and < 300 => Accepted,
        401 or 403 => Unauthorized,
        404 => NotFound,
        429 => TooManyRequests,
        >= 500 => Error5xx,
        _ => BadRequest,
    };
}
