using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace EnvioMassa.Api.Extensions;

static class DbUpdateExceptionExtensions
{
    /// <summary>The insert lost a race on a unique key (the same phone or Evolution instance written at once).</summary>
    public static bool EhChaveDuplicada(this DbUpdateException e) =>
        e.InnerException is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry };
}
