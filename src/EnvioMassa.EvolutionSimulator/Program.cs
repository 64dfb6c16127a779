namespace EnvioMassa.EvolutionSimulator;

internal static class Program
{
    private static Task Main(string[] args) => SimulatorApp.Create(args).RunAsync();
}
