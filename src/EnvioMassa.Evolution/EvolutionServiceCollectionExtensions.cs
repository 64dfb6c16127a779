using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace EnvioMassa.Evolution;

public static class EvolutionServiceCollectionExtensions
{
    private const int QueryRetries = 3;
    private static readonly TimeSpan FirstQueryRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Registers <see cref="IEvolutionClient"/> bound to the <c>Evolution</c> section of <paramref name="configuration"/>.
    /// Sends get one attempt with <see cref="EvolutionOptions.SendTimeout"/>; reads get
    /// <see cref="EvolutionOptions.QueryTimeout"/> per attempt and retries with backoff on transient errors.
    /// </summary>
    public static IHttpClientBuilder AddEvolutionClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EvolutionOptions>()
            .Bind(configuration.GetSection(EvolutionOptions.Section))
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "Evolution:BaseUrl deve ser uma URL absoluta")
            .Validate(o => o.SendTimeout > TimeSpan.Zero && o.QueryTimeout > TimeSpan.Zero,
                "Evolution:SendTimeout e Evolution:QueryTimeout devem ser positivos")
            .ValidateOnStart();

        var builder = services.AddHttpClient<IEvolutionClient, EvolutionClient>((provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<EvolutionOptions>>().Value;
            http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
            // The resilience pipeline owns the timeouts.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });

        // A retrying handler added to every client elsewhere (ConfigureHttpClientDefaults) would resend sends
        // behind the pipeline's back: a burst on one number and possibly a duplicate message.
        builder.ConfigureAdditionalHttpMessageHandlers(static (handlers, _) =>
        {
            foreach (var inherited in handlers.OfType<ResilienceHandler>().ToList())
            {
                handlers.Remove(inherited);
            }
        });
        builder.AddResilienceHandler("evolution", static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<EvolutionOptions>>();
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = QueryRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstQueryRetryDelay,
                ShouldHandle = static args => ShouldRetryQueryAsync(args.Context.GetRequestMessage(), args.Outcome),
            });
            pipeline.AddTimeout(new HttpTimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(
                    EvolutionRequestKind.IsQuery(args.Context.GetRequestMessage())
                        ? options.CurrentValue.QueryTimeout
                        : options.CurrentValue.SendTimeout + EvolutionRequestKind.Typing(args.Context.GetRequestMessage())),
            });
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<DispatchTimeHandler>();
        builder.AddHttpMessageHandler<DispatchTimeHandler>();
        return builder;
    }

    // Only reads are retried, and only what the classifier calls transient: not a disconnected instance (asking
    // again would only delay the pause), nor an answer that would be the same next time.
    private static async ValueTask<bool> ShouldRetryQueryAsync(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome)
    {
        if (!EvolutionRequestKind.IsQuery(request))
        {
            return false;
        }
        if (outcome.Result is not { } response)
        {
            return HttpClientResiliencePredicates.IsTransient(outcome);
        }
        if (response.IsSuccessStatusCode)
        {
            return false;
        }
        await response.Content.LoadIntoBufferAsync();
        var body = await response.Content.ReadAsStringAsync();
        return EvolutionResponseClassifier.Classify((int)response.StatusCode, body).Outcome == SendOutcome.Transient;
    }
}
