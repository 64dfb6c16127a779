using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace EnvioMassa.Tests.Implantacao;

/// <summary>The repository's own files, read as an operator's tools would read them.</summary>
static class Repositorio
{
    public static string Raiz { get; } = Encontrar();

    static string Encontrar()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EnvioMassa.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("EnvioMassa.sln não encontrado acima de " + AppContext.BaseDirectory);
    }

    public static string Caminho(params string[] partes) => Path.Combine([Raiz, .. partes]);

    public static string Texto(params string[] partes) => File.ReadAllText(Caminho(partes));

    /// <summary>Every YAML document of a file (Kubernetes files hold several, split by <c>---</c>).</summary>
    public static IReadOnlyList<Yaml> Documentos(params string[] partes)
    {
        var deserializer = new DeserializerBuilder().Build();
        IParser parser = new Parser(new StringReader(Texto(partes)));
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        var documentos = new List<Yaml>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
            if (deserializer.Deserialize<object?>(parser) is { } documento)
                documentos.Add(new Yaml(documento));
        return documentos;
    }
}

/// <summary>A node of a YAML document: <c>doc["spec"]["template"]</c>, null where the path does not exist.</summary>
sealed record Yaml(object Valor)
{
    public Yaml? this[string chave] =>
        Valor is IDictionary<object, object> mapa && mapa.TryGetValue(chave, out var v) && v is not null ? new Yaml(v) : null;

    public IEnumerable<Yaml> Itens => Valor is IList<object> lista ? lista.Where(i => i is not null).Select(i => new Yaml(i)) : [];

    public string? Texto => Valor as string;

    public override string ToString() => Valor.ToString() ?? "";
}
