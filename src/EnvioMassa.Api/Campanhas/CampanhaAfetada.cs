using EnvioMassa.Data.Entities;

namespace EnvioMassa.Api.Campanhas;

/// <summary>A campaign named in an answer about something it uses (a template or an instance being deleted).</summary>
public sealed record CampanhaAfetada(int Id, string Nome, string Status)
{
    /// <summary>The campaigns among <paramref name="campanhas"/> in one of <paramref name="status"/>, by id.</summary>
    public static IQueryable<CampanhaAfetada> EmUso(IQueryable<Campanha> campanhas, IReadOnlyList<string> status) =>
        campanhas.Where(c => status.Contains(c.Status)).OrderBy(c => c.Id).Select(c => new CampanhaAfetada(c.Id, c.Nome, c.Status));

    public static string Descrever(IEnumerable<CampanhaAfetada> campanhas) =>
        string.Join(", ", campanhas.Select(c => $"{c.Id} ('{c.Nome}', {c.Status})"));
}
