using EnvioMassa.Data.Dominio;

namespace EnvioMassa.Tests.Dominio;

public class When_a_customer_replies
{
    [Theory]
    [InlineData("sair")]
    [InlineData("SAIR")]
    [InlineData("  Sair  ")]
    [InlineData("Saír!")]
    [InlineData("PARE.")]
    [InlineData("Descadastrar 🙏")]
    [InlineData("stop")]
    public void Should_take_an_opt_out_word_whatever_its_case_accents_and_punctuation(string resposta)
    {
        Assert.True(PedidoDeSaida.Eh(resposta, PedidoDeSaida.PalavrasPadrao));
    }

    [Theory]
    [InlineData("não quero sair da lista")]
    [InlineData("pode parar de ligar?")]
    [InlineData("Obrigado!")]
    [InlineData("")]
    [InlineData(null)]
    public void Should_not_block_anyone_for_a_reply_that_only_contains_the_word(string? resposta)
    {
        Assert.False(PedidoDeSaida.Eh(resposta, PedidoDeSaida.PalavrasPadrao));
    }

    [Fact]
    public void Should_match_configured_words_written_with_accents_against_replies_without_them()
    {
        Assert.True(PedidoDeSaida.Eh("nao quero mais", ["Não quero mais"]));
        Assert.False(PedidoDeSaida.Eh("sair", ["Não quero mais"]));
    }
}
