using EnvioMassa.Data.Dominio;
using EnvioMassa.Data.Entities;

namespace EnvioMassa.Api.Endpoints;

/// <summary>
/// A campaign's attachment: every recipient gets it through Evolution's <c>sendMedia</c>, with the rendered text as
/// its caption. Only an http(s) address: Evolution fetches it at each send, and a file of megabytes in the campaign's
/// row would travel with every message.
/// </summary>
/// <param name="Tipo"><c>image</c>, <c>document</c>, <c>video</c> or <c>audio</c> (Evolution's <c>mediatype</c>).</param>
/// <param name="NomeArquivo">The name the recipient sees for a document.</param>
public sealed record MidiaEntrada(string? Tipo, string? Url, string? NomeArquivo)
{
    public const int MaximoDaUrl = 2000;
    public const int MaximoDoNome = 255;

    /// <summary>The checked attachment, or null with the errors added.</summary>
    internal static MidiaEntrada? Validar(MidiaEntrada midia, Erros erros)
    {
        var tipo = midia.Tipo?.Trim();
        if (string.IsNullOrEmpty(tipo))
            erros.Adicionar("midia.tipo", $"'midia.tipo' é obrigatório: {string.Join(", ", ConfiguracaoDeCampanha.TiposDeMidia)}.");
        else if (!ConfiguracaoDeCampanha.TiposDeMidia.Contains(tipo))
            erros.Adicionar("midia.tipo", $"'midia.tipo' desconhecido '{tipo}'. Use: {string.Join(", ", ConfiguracaoDeCampanha.TiposDeMidia)}.");

        var url = midia.Url?.Trim();
        if (string.IsNullOrEmpty(url))
            erros.Adicionar("midia.url", "'midia.url' é obrigatório: o endereço http(s) do arquivo, que a Evolution baixa a cada envio.");
        else if (url.Length > MaximoDaUrl)
            erros.Adicionar("midia.url", $"'midia.url' tem {url.Length} caracteres; o máximo é {MaximoDaUrl}.");
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            erros.Adicionar("midia.url", $"'midia.url' deve ser um endereço http:// ou https:// (veio '{url}').");

        var nome = string.IsNullOrWhiteSpace(midia.NomeArquivo) ? null : midia.NomeArquivo.Trim();
        if (nome?.Length > MaximoDoNome)
            erros.Adicionar("midia.nomeArquivo", $"'midia.nomeArquivo' tem {nome.Length} caracteres; o máximo é {MaximoDoNome}.");
        return erros.Algum ? null : new MidiaEntrada(tipo, url, nome);
    }

    public static MidiaEntrada? De(Campanha c) =>
        c.MidiaTipo is { } tipo && c.MidiaUrl is { } url ? new MidiaEntrada(tipo, url, c.MidiaNomeArquivo) : null;
}
