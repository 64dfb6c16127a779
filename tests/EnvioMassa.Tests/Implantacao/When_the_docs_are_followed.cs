using System.Text.RegularExpressions;

namespace EnvioMassa.Tests.Implantacao;

/// <summary>
/// The README and <c>docs/</c> as a newcomer follows them: every link leads somewhere inside the repository (a file,
/// and the heading it names), and the operator guide's commands work pasted into a fresh shell.
/// </summary>
public sealed partial class When_the_docs_are_followed
{
    [GeneratedRegex(@"(?<!\!)\[[^\]]*\]\(([^)\s]+)\)|!\[[^\]]*\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex Titulo();

    [GeneratedRegex(@"[^\p{L}\p{N}\s_-]")]
    private static partial Regex ForaDoSlug();

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BlocoBash();

    [GeneratedRegex(@"\$\{?([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Variavel();

    [GeneratedRegex(@"(?:^|[\s;(])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex Atribuicao();

    public static TheoryData<string> Documentos()
    {
        var dados = new TheoryData<string> { "README.md" };
        foreach (var arquivo in Directory.EnumerateFiles(Repositorio.Caminho("docs"), "*.md", SearchOption.AllDirectories).Order())
            dados.Add(Path.GetRelativePath(Repositorio.Raiz, arquivo));
        return dados;
    }

    /// <summary>GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    static string Ancora(string titulo) =>
        ForaDoSlug().Replace(titulo.Replace("`", "").ToLowerInvariant(), "").Trim().Replace(' ', '-');

    static HashSet<string> Ancoras(string arquivo) =>
        Titulo().Matches(File.ReadAllText(arquivo)).Select(m => Ancora(m.Groups[1].Value)).ToHashSet();

    [Theory]
    [MemberData(nameof(Documentos))]
    public void Should_link_only_to_what_the_repository_holds(string documento)
    {
        var caminho = Repositorio.Caminho(documento);
        var quebrados = new List<string>();
        foreach (Match m in Link().Matches(File.ReadAllText(caminho)))
        {
            var alvo = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            if (alvo.StartsWith("http://", StringComparison.Ordinal) || alvo.StartsWith("https://", StringComparison.Ordinal)
                || alvo.StartsWith("mailto:", StringComparison.Ordinal))
                continue;
            var partes = alvo.Split('#', 2);
            var arquivo = partes[0].Length == 0 ? caminho : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(caminho)!, partes[0]));
            if (!arquivo.StartsWith(Repositorio.Raiz + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                quebrados.Add($"{alvo}: fora do repositório");
            else if (!File.Exists(arquivo) && !Directory.Exists(arquivo))
                quebrados.Add($"{alvo}: não existe");
            else if (partes.Length == 2 && arquivo.EndsWith(".md", StringComparison.Ordinal) && !Ancoras(arquivo).Contains(Uri.UnescapeDataString(partes[1])))
                quebrados.Add($"{alvo}: não há esse título");
        }
        Assert.True(quebrados.Count == 0, $"{documento}: " + string.Join("; ", quebrados));
        // A path outside the checkout only exists on the machine it was written on.
        Assert.DoesNotContain("/work/", File.ReadAllText(caminho));
    }

    /// <summary>
    /// Every variable the guide's commands use is set by an earlier command of the guide, or has a default written in
    /// place (<c>${Api__Key:-local-dev-key}</c>): pasted into a fresh shell, no header comes out empty.
    /// </summary>
    [Theory]
    [InlineData("docs/usando-a-api.md")]
    [InlineData("docs/evolution-real.md")]
    [InlineData("docs/solucao-de-problemas.md")]
    public void Should_give_commands_that_work_in_a_fresh_shell(string guia)
    {
        var definidas = new HashSet<string> { "HOME", "PATH", "PWD" };
        var faltando = new List<string>();
        foreach (Match bloco in BlocoBash().Matches(Repositorio.Texto(guia)))
            foreach (var linha in bloco.Groups[1].Value.Split('\n'))
            {
                var comando = linha.Split(" #", 2)[0];
                foreach (Match uso in Variavel().Matches(comando))
                {
                    var nome = uso.Groups[1].Value;
                    var comPadrao = comando.AsSpan(uso.Index + uso.Length).StartsWith(":-");
                    if (!definidas.Contains(nome) && !comPadrao && !comando.TrimStart().StartsWith(nome + "=", StringComparison.Ordinal))
                        faltando.Add($"${nome} em: {comando.Trim()}");
                }
                foreach (Match atribuicao in Atribuicao().Matches(comando))
                    definidas.Add(atribuicao.Groups[1].Value);
            }
        Assert.True(faltando.Count == 0, $"{guia} usa variáveis que um shell novo não tem: " + string.Join(" | ", faltando));
    }
}
