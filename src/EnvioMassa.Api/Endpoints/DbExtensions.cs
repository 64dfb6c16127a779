using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace EnvioMassa.Api.Endpoints;

static class DbExtensions
{
    public static bool EhChaveDuplicada(this DbUpdateException e) =>
        e.InnerException is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry };
}
