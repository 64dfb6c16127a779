using EnvioMassa.EvolutionSimulator.State;

namespace EnvioMassa.Evolution.Tests.Simulator;

public sealed class JidTests
{
    [Theory]
    [InlineData("5511999999999", "5511999999999@s.whatsapp.net")]
    [InlineData("5531988887777", "553188887777@s.whatsapp.net")]
    [InlineData("+55 (31) 98888-7777", "553188887777@s.whatsapp.net")]
    [InlineData("5531966667777", "5531966667777@s.whatsapp.net")]
    [InlineData("5530988887777", "5530988887777@s.whatsapp.net")]
    [InlineData("5599977776666", "559977776666@s.whatsapp.net")]
    [InlineData("553188887777", "553188887777@s.whatsapp.net")]
    [InlineData("5215512345678", "525512345678@s.whatsapp.net")]
    [InlineData("+1 (555) 123-4567", "15551234567@s.whatsapp.net")]
    public void Numbers_are_normalised_the_way_evolution_builds_jids(string number, string jid) =>
        Assert.Equal(jid, Jid.Normalise(number));

    [Theory]
    [InlineData("5511999999999@s.whatsapp.net")]
    [InlineData("120363042345678901@g.us")]
    [InlineData("123456789012345@lid")]
    public void Full_jids_pass_through(string jid) => Assert.Equal(jid, Jid.Normalise(jid));

    [Fact]
    public void Eighteen_digits_or_more_are_a_group() =>
        Assert.Equal("120363042345678901@g.us", Jid.Normalise("120363042345678901"));
}
