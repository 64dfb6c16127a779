namespace EnvioMassa.Data.Entities;

/// <summary>Deleted instances and templates stay as rows for history; every read for use goes through these.</summary>
public static class ExclusaoLogica
{
    public static IQueryable<Instancia> Vivas(this IQueryable<Instancia> instancias) => instancias.Where(i => i.ExcluidaEm == null);

    public static IQueryable<Template> Vivos(this IQueryable<Template> templates) => templates.Where(t => t.ExcluidoEm == null);
}
