using System.Net.Http.Headers;
using System.Text;
using EnvioMassa.Data;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;
using Testcontainers.MySql;
using Testcontainers.RabbitMq;

namespace EnvioMassa.IntegrationTests.Infrastructure;

/// <summary>
/// The real RabbitMQ and MariaDB/MySQL the integration tests run against: the servers named by the environment
/// (<c>ENVIOMASSA_TEST_MYSQL</c>, <c>ENVIOMASSA_TEST_RABBITMQ</c>, <c>ENVIOMASSA_TEST_RABBITMQ_MANAGEMENT</c>), else the
/// ones <c>scripts/services.sh</c> starts on 127.0.0.1, else — only where a Docker engine answers — Testcontainers.
/// With none of them the tests fail with a message that says how to start them. They never skip.
/// Each user gets its own database and RabbitMQ virtual host, so test classes can run side by side.
/// </summary>
public sealed class TestServers
{
    const string LocalMySql = "Server=127.0.0.1;Port=3306;User ID=enviomassa;Password=enviomassa";
    const string LocalRabbit = "amqp://enviomassa:enviomassa@127.0.0.1:5672";
    const string LocalManagement = "http://127.0.0.1:15672";

    static readonly SemaphoreSlim Gate = new(1, 1);
    static TestServers? _instance;

    public string MySqlServer { get; }
    public Uri Rabbit { get; }
    public Uri RabbitManagement { get; }

    TestServers(string mySqlServer, Uri rabbit, Uri rabbitManagement)
    {
        MySqlServer = mySqlServer;
        Rabbit = rabbit;
        RabbitManagement = rabbitManagement;
    }

    public string RabbitUser => Uri.UnescapeDataString(Rabbit.UserInfo.Split(':')[0]);
    public string RabbitPassword => Uri.UnescapeDataString(Rabbit.UserInfo.Split(':')[1]);

    public static async Task<TestServers> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _instance ??= await LocateAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    static async Task<TestServers> LocateAsync()
    {
        var mysql = Environment.GetEnvironmentVariable("ENVIOMASSA_TEST_MYSQL");
        var rabbit = Environment.GetEnvironmentVariable("ENVIOMASSA_TEST_RABBITMQ");
        var management = Environment.GetEnvironmentVariable("ENVIOMASSA_TEST_RABBITMQ_MANAGEMENT");
        if (mysql is not null || rabbit is not null)
        {
            var named = new TestServers(mysql ?? LocalMySql, new Uri(rabbit ?? LocalRabbit), new Uri(management ?? LocalManagement));
            await named.EnsureReachableAsync(throwWithHelp: true);
            return named;
        }

        var local = new TestServers(LocalMySql, new Uri(LocalRabbit), new Uri(LocalManagement));
        if (await local.EnsureReachableAsync(throwWithHelp: false))
            return local;

        if (await DockerEngineAnswersAsync())
            return await StartContainersAsync();

        await local.EnsureReachableAsync(throwWithHelp: true);
        return local;
    }

    async Task<bool> EnsureReachableAsync(bool throwWithHelp)
    {
        var problems = new List<string>();
        try
        {
            await using var connection = new MySqlConnection(MySqlServer + ";Connection Timeout=5");
            await connection.OpenAsync();
        }
        catch (Exception e)
        {
            problems.Add($"MariaDB/MySQL em '{new MySqlConnectionStringBuilder(MySqlServer).Server}': {e.Message}");
        }

        try
        {
            using var http = ManagementClient();
            using var response = await http.GetAsync("api/overview");
            response.EnsureSuccessStatusCode();
        }
        catch (Exception e)
        {
            problems.Add($"RabbitMQ (gerenciamento em {RabbitManagement}): {e.Message}");
        }

        if (problems.Count == 0)
            return true;
        if (!throwWithHelp)
            return false;
        throw new InvalidOperationException(
            "Os testes de integração precisam de RabbitMQ e MariaDB reais e não os encontraram:\n  - " +
            string.Join("\n  - ", problems) +
            "\nInicie-os com `scripts/services.sh start` (o `./test.sh` já faz isso), ou aponte " +
            "ENVIOMASSA_TEST_MYSQL / ENVIOMASSA_TEST_RABBITMQ / ENVIOMASSA_TEST_RABBITMQ_MANAGEMENT para servidores existentes.");
    }

    /// <summary>True only when a Docker engine answers its ping (on DOCKER_HOST's or the default unix socket).</summary>
    static async Task<bool> DockerEngineAnswersAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unix:///var/run/docker.sock";
        try
        {
            using var handler = new SocketsHttpHandler();
            Uri baseAddress;
            if (host.StartsWith("unix://", StringComparison.Ordinal))
            {
                var path = host["unix://".Length..];
                if (!File.Exists(path))
                    return false;
                handler.ConnectCallback = async (_, ct) =>
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix,
                        System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
                    await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(path), ct);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                };
                baseAddress = new Uri("http://docker");
            }
            else
            {
                baseAddress = new Uri(host.Replace("tcp://", "http://", StringComparison.Ordinal));
            }

            using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(3) };
            return (await http.GetAsync("/_ping")).IsSuccessStatusCode;
        }
        catch (Exception)
        {
            return false;
        }
    }

    static async Task<TestServers> StartContainersAsync()
    {
        var mysql = new MySqlBuilder("mysql:8.4").WithUsername("root").WithPassword("enviomassa").Build();
        var rabbit = new RabbitMqBuilder("rabbitmq:3.13-management")
            .WithUsername("enviomassa").WithPassword("enviomassa").WithPortBinding(15672, true).Build();
        await Task.WhenAll(mysql.StartAsync(), rabbit.StartAsync());
        var server = $"Server={mysql.Hostname};Port={mysql.GetMappedPublicPort(3306)};User ID=root;Password=enviomassa";
        var amqp = new Uri($"amqp://enviomassa:enviomassa@{rabbit.Hostname}:{rabbit.GetMappedPublicPort(5672)}");
        var management = new Uri($"http://{rabbit.Hostname}:{rabbit.GetMappedPublicPort(15672)}");
        return new TestServers(server, amqp, management);
    }

    /// <summary>Creates an empty database with the project's migrations applied and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var connectionString = await CreateEmptyDatabaseAsync(purpose);
        await MigrateAsync(connectionString);
        return connectionString;
    }

    public static async Task MigrateAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<EnvioMassaDbContext>();
        DatabaseExtensions.Configure(options, connectionString);
        await using var db = new EnvioMassaDbContext(options.Options);
        await db.Database.MigrateAsync();
    }

    /// <summary>Creates a database without any table (no migration applied) and returns its connection string.</summary>
    public async Task<string> CreateEmptyDatabaseAsync(string purpose)
    {
        var name = Truncate($"enviomassa_t_{Sanitize(purpose)}_{Guid.NewGuid():N}", 48);
        await using (var connection = new MySqlConnection(MySqlServer))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
            await command.ExecuteNonQueryAsync();
        }

        return $"{MySqlServer};Database={name}";
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new MySqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new MySqlConnection(MySqlServer);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS `{name}`";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Creates a RabbitMQ virtual host for one test class, with full permissions for the test user.</summary>
    public async Task<string> CreateVirtualHostAsync(string purpose)
    {
        var name = Truncate($"t-{Sanitize(purpose)}-{Guid.NewGuid():N}", 40);
        using var http = ManagementClient();
        (await http.PutAsync($"api/vhosts/{name}", Json("{}"))).EnsureSuccessStatusCode();
        (await http.PutAsync($"api/permissions/{name}/{Uri.EscapeDataString(RabbitUser)}",
            Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();
        return name;
    }

    public async Task DeleteVirtualHostAsync(string name)
    {
        using var http = ManagementClient();
        await http.DeleteAsync($"api/vhosts/{name}");
    }

    public HttpClient ManagementClient()
    {
        var http = new HttpClient { BaseAddress = RabbitManagement, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RabbitUser}:{RabbitPassword}")));
        return http;
    }

    /// <summary>Configuration keys (as the services read them) that point a host at these servers.</summary>
    public Dictionary<string, string?> Configuration(string connectionString, string virtualHost) => new()
    {
        ["ConnectionStrings:EnvioMassa"] = connectionString,
        ["RabbitMq:Host"] = Rabbit.Host,
        ["RabbitMq:Port"] = Rabbit.Port.ToString(),
        ["RabbitMq:VirtualHost"] = virtualHost,
        ["RabbitMq:Username"] = RabbitUser,
        ["RabbitMq:Password"] = RabbitPassword,
    };

    static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    static string Sanitize(string purpose) =>
        new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray()) is { Length: > 0 } s
            ? s[..Math.Min(s.Length, 12)]
            : "x";
}
