namespace EnvioMassa.Data.Entities;

public static class CampanhaConsultas
{
    /// <summary>
    /// Campaigns paused because their instance was not connected and set to resume by themselves: they wait for the
    /// instance to be found <c>open</c> again (the instance monitor's poll, or a <c>connection.update</c> webhook).
    /// </summary>
    public static IQueryable<Campanha> AguardandoInstancia(this IQueryable<Campanha> campanhas) =>
        campanhas.Where(c => c.Status == StatusCampanha.Pausada && c.PausadaPelaInstancia && c.RetomarAutomaticamente);
}
