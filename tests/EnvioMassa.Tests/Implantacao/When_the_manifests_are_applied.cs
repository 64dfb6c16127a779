using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EnvioMassa.Tests.Implantacao;

/// <summary>
/// <c>k8s/</c>, <c>docker-compose.yml</c> and the <c>Dockerfile</c>, read literally, as <c>kubectl apply -k</c> and
/// <c>docker compose</c> would: what they ship must start, listen where it is probed, keep real secrets, migrate once
/// and leave the sender count to KEDA.
/// </summary>
public sealed partial class When_the_manifests_are_applied
{
    static readonly IReadOnlyList<(string Arquivo, Yaml Documento)> Recursos = LerKustomization();

    static IReadOnlyList<(string, Yaml)> LerKustomization()
    {
        var kustomization = Repositorio.Documentos("k8s", "kustomization.yaml").Single();
        return kustomization["resources"]!.Itens.Select(r => r.Texto!)
            .SelectMany(arquivo => Repositorio.Documentos("k8s", arquivo).Select(d => (arquivo, d)))
            .ToList();
    }

    static IEnumerable<Yaml> DoTipo(string kind) => Recursos.Where(r => r.Documento["kind"]?.Texto == kind).Select(r => r.Documento);

    static Yaml Deployment(string nome) => DoTipo("Deployment").Single(d => d["metadata"]!["name"]!.Texto == nome);

    /// <summary>The containers of a Deployment or Job; none for the other kinds.</summary>
    static IEnumerable<Yaml> Containers(Yaml recurso) => recurso["spec"]?["template"]?["spec"]?["containers"]?.Itens ?? [];

    [Fact]
    public void Should_apply_no_secret_so_that_the_real_ones_are_never_overwritten()
    {
        Assert.NotEmpty(Recursos);
        Assert.Empty(DoTipo("Secret"));
        Assert.DoesNotContain(Recursos, r => r.Arquivo.Contains("secret", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Should_explain_every_secret_the_manifests_read()
    {
        var exemplos = Repositorio.Documentos("k8s", "secret.example.yaml")
            .Where(d => d["kind"]?.Texto == "Secret")
            .ToDictionary(d => d["metadata"]!["name"]!.Texto!, d => d["stringData"]!);
        var lidos = Recursos.SelectMany(r => Containers(r.Documento))
            .SelectMany(c => c["envFrom"]?.Itens ?? [])
            .Select(e => e["secretRef"]?["name"]?.Texto).OfType<string>()
            .Concat(DoTipo("TriggerAuthentication").SelectMany(t => t["spec"]!["secretTargetRef"]!.Itens).Select(s => s["name"]!.Texto!))
            .Distinct().ToList();

        Assert.Contains("enviomassa", lidos);
        Assert.Contains("enviomassa-rabbitmq-uri", lidos);
        Assert.All(lidos, nome => Assert.True(exemplos.ContainsKey(nome), $"O segredo '{nome}' não está em secret.example.yaml"));
        // Every key the hosts need without a default is there for the operator to fill in.
        foreach (var chave in new[] { "ConnectionStrings__EnvioMassa", "RabbitMq__Password", "Evolution__ApiKey", "Evolution__WebhookToken", "Api__Key" })
            Assert.NotNull(exemplos["enviomassa"][chave]);
        var kedaKey = DoTipo("TriggerAuthentication").Single()["spec"]!["secretTargetRef"]!.Itens.Single()["key"]!.Texto!;
        Assert.NotNull(exemplos["enviomassa-rabbitmq-uri"][kedaKey]);
    }

    [Fact]
    public void Should_leave_the_sender_count_to_keda()
    {
        Assert.Null(Deployment("sender")["spec"]!["replicas"]);
        var scaled = DoTipo("ScaledObject").Single();
        Assert.Equal("sender", scaled["spec"]!["scaleTargetRef"]!["name"]!.Texto);
        Assert.Contains("KEDA", Repositorio.Texto("k8s", "kustomization.yaml"));
    }

    [Fact]
    public void Should_migrate_once_in_a_job_and_not_in_the_api_pods()
    {
        var api = Containers(Deployment("api")).Single();
        var migrarNoInicio = api["env"]!.Itens.Single(e => e["name"]!.Texto == "Database__MigrateOnStartup");
        Assert.Equal("false", migrarNoInicio["value"]!.Texto);

        var job = DoTipo("Job").Single();
        var container = Containers(job).Single();
        Assert.Equal(api["image"]!.Texto, container["image"]!.Texto);
        Assert.Equal(["migrate"], container["args"]!.Itens.Select(a => a.Texto));
        // The argument reaches the app: Program.cs runs the migrations and exits for it.
        Assert.Contains("MigrateCommand", Repositorio.Texto("src", "EnvioMassa.Api", "Program.cs"));
        Assert.Contains("\"migrate\"", Repositorio.Texto("src", "EnvioMassa.Api", "Extensions", "MigrationExtensions.cs"));
    }

    [Fact]
    public void Should_probe_and_route_to_the_port_the_image_listens_on()
    {
        var porta = PortaDaImagem();
        Assert.Equal(8080, porta);
        foreach (var nome in new[] { "api", "worker", "sender" })
            foreach (var container in Containers(Deployment(nome)))
                foreach (var sonda in new[] { "readinessProbe", "livenessProbe" })
                    Assert.Equal(porta.ToString(), container[sonda]!["httpGet"]!["port"]!.Texto);

        var servico = DoTipo("Service").Single(s => s["metadata"]!["name"]!.Texto == "api");
        var portaDoServico = servico["spec"]!["ports"]!.Itens.Single();
        Assert.Equal(porta.ToString(), portaDoServico["targetPort"]!.Texto);

        // The webhook must be reachable from an Evolution outside the cluster: the Ingress sends every path to the API.
        var ingress = DoTipo("Ingress").Single();
        var caminho = ingress["spec"]!["rules"]!.Itens.Single()["http"]!["paths"]!.Itens.Single();
        Assert.Equal("/", caminho["path"]!.Texto);
        Assert.Equal("Prefix", caminho["pathType"]!.Texto);
        Assert.Equal("api", caminho["backend"]!["service"]!["name"]!.Texto);
        Assert.Equal(portaDoServico["port"]!.Texto, caminho["backend"]!["service"]!["port"]!["number"]!.Texto);
    }

    [Fact]
    public void Should_run_compose_on_the_database_the_tests_run_on()
    {
        var compose = Repositorio.Documentos("docker-compose.yml").Single();
        var imagens = compose["services"]!.Valor is IDictionary<object, object> servicos
            ? servicos.Values.Select(s => new Yaml(s)["image"]?.Texto).OfType<string>().ToList()
            : [];
        Assert.Contains("mariadb:10.11", imagens);
        Assert.DoesNotContain(imagens, i => i.StartsWith("mysql", StringComparison.Ordinal));
        // ./test.sh's server: Debian 12's MariaDB, 10.11.
        Assert.Contains("mariadb-server", Repositorio.Texto("scripts", "services.sh"));
        var api = compose["services"]!["api"]!;
        Assert.Equal([$"5080:{PortaDaImagem()}"], api["ports"]!.Itens.Select(p => p.Texto));
    }

    [GeneratedRegex(@"ASPNETCORE_URLS=http://0\.0\.0\.0:(\d+)")]
    private static partial Regex UrlsDaImagem();

    static int PortaDaImagem() => int.Parse(UrlsDaImagem().Match(Repositorio.Texto("Dockerfile")).Groups[1].Value);

    [GeneratedRegex(@"^ENTRYPOINT (\[.*\])\s*$", RegexOptions.Multiline)]
    private static partial Regex Entrypoint();

    /// <summary>
    /// The image's entrypoint, run by a real shell with a stand-in <c>dotnet</c> that prints what it was given:
    /// <c>docker run image migrate</c> must reach the app as <c>migrate</c>.
    /// </summary>
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Should_pass_the_container_arguments_to_the_app()
    {
        var entrypoint = JsonSerializer.Deserialize<string[]>(Entrypoint().Match(Repositorio.Texto("Dockerfile")).Groups[1].Value)!;
        var pasta = Directory.CreateTempSubdirectory("entrypoint");
        try
        {
            var dotnet = Path.Combine(pasta.FullName, "dotnet");
            await File.WriteAllTextAsync(dotnet, "#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done\n");
            File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
            var inicio = new ProcessStartInfo(entrypoint[0]) { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argumento in entrypoint[1..].Concat(["migrate", "--com espaço"]))
                inicio.ArgumentList.Add(argumento);
            inicio.Environment["PATH"] = pasta.FullName + ":" + Environment.GetEnvironmentVariable("PATH");
            inicio.Environment["PROJECT"] = "EnvioMassa.Api";
            using var processo = Process.Start(inicio)!;
            var saida = await processo.StandardOutput.ReadToEndAsync();
            await processo.WaitForExitAsync();

            Assert.Equal(["[/app/EnvioMassa.Api.dll]", "[migrate]", "[--com espaço]"], saida.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            pasta.Delete(recursive: true);
        }
    }
}
