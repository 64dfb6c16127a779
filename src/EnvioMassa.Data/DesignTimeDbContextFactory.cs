using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EnvioMassa.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running server.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EnvioMassaDbContext>
{
    public EnvioMassaDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<EnvioMassaDbContext>();
        DatabaseExtensions.Configure(options, "Server=127.0.0.1;Database=enviomassa;User=enviomassa;Password=enviomassa");
        return new EnvioMassaDbContext(options.Options);
    }
}
