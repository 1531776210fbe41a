using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Versions.Selector;
using ProvincePlatform.Audit;
using ProvincePlatform.Grains;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.Communes;
using ProvincePlatform.Grains.Requests;
using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Audit;
using ProvincePlatform.Host.Bookings;
using ProvincePlatform.Host.Citizens;
using ProvincePlatform.Host.Communes;
using ProvincePlatform.Host.Dashboard;
using ProvincePlatform.Host.Gateway;
using ProvincePlatform.Host.HelpPoints;
using ProvincePlatform.Host.Operations;
using ProvincePlatform.Host.Requests;
using ProvincePlatform.Host.Rollout;
using ProvincePlatform.Host.Services;
using ProvincePlatform.Host.Sessions;
using ProvincePlatform.Host.Stats;
using ProvincePlatform.Host.Telemetry;
using ProvincePlatform.Persistence;
using ProvincePlatform.Portal;
using ProvincePlatform.Portal.Simulation;

namespace ProvincePlatform.Host.Hosting;

/// <summary>The table of contents of the process: the silo, the gateway and what both need.</summary>
public static class ProvincePlatformHostExtensions
{
    /// <summary>The largest request body any route accepts; the biggest legitimate one is a few kilobytes.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;

    public static WebApplicationBuilder AddProvincePlatform(this WebApplicationBuilder builder)
    {
        var register = builder.Configuration.GetSection(CommuneRegisterSettings.SectionName).Get<CommuneRegisterSettings>()
            ?? new CommuneRegisterSettings();
        var directory = register.Load();
        builder.Services.AddProvinceDomain(directory, TimeProvider.System, CitizenLookupSettings.KeysFrom(builder.Configuration));
        builder.Services.Configure<SubmissionOptions>(builder.Configuration.GetSection(SubmissionOptions.SectionName));
        builder.AddPortal();

        builder.AddSilo();
        builder.AddGateway(directory);
        builder.AddTelemetry();
        builder.AddOperations();

        if (builder.Configuration.GetValue<bool>(DemoSeeder.SettingName))
        {
            builder.Services.AddHostedService<DemoSeeder>();
        }

        return builder;
    }

    public static WebApplication MapProvincePlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        // A bare status from the framework (unknown route, wrong method) becomes a problem document, in JSON
        // whatever the Accept header asks for, since the contract promises problem documents for every error.
        app.UseStatusCodePages(context => Problems.OfStatus(context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext));
        // The rate limiter partitions by the client that authentication found, and turns away floods, of guessed keys
        // too, before authorisation and the handlers spend anything on them.
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "docs";
            options.SwaggerEndpoint("/openapi/v1.json", "ProvincePlatform v1");
            options.DocumentTitle = "ProvincePlatform API";
        });
        app.MapTelemetry();
        app.MapOperations();
        app.MapDashboardPage();

        var api = app.MapGroup("/api/v1")
            .RequireAuthorization()
            .RequireRateLimiting(ClientRateLimit.PolicyName)
            .AddEndpointFilter<AuditFilter>();
        api.MapCommunesApi();
        api.MapHelpPointsApi();
        api.MapSessionsApi();
        api.MapBookingsApi();
        api.MapServicesApi();
        api.MapRequestsApi();
        api.MapCitizensApi();
        api.MapStatsApi();
        api.MapRolloutApi();
        api.MapAuditApi();
        return app;
    }

    /// <summary>
    /// The national portal: by URL when <c>Portal:BaseUrl</c> is set, else the simulator in this process, whose
    /// days pass on the domain clock so that tests move the portal's time with the platform's.
    /// </summary>
    private static void AddPortal(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services => new PortalSimulation(
            services.GetRequiredKeyedService<TimeProvider>(ProvinceClock.ServiceKey),
            services.GetRequiredService<IOptions<PortalSimulationOptions>>().Value));
        builder.Services.AddPortalClient(builder.Configuration);
    }

    /// <summary>
    /// The silo: on the embedded default, localhost clustering with memory storage and reminders; with
    /// <c>ConnectionStrings:Orleans</c>, PostgreSQL for all three, on the configured ports and advertised address,
    /// so that silo processes on one or more machines form one cluster.
    /// </summary>
    private static void AddSilo(this WebApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        var database = DatabaseSettings.From(builder.Configuration);
        if (database is not null)
        {
            builder.Services.AddSingleton(database);
            // Registered before the silo, so it runs (and fails fast) before the silo starts.
            builder.Services.AddHostedService<DatabaseStartup>();
        }

        builder.UseOrleans(silo =>
        {
            if (database is null)
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                silo.AddMemoryGrainStorage(ProvinceStorage.Name);
                silo.UseInMemoryReminderService();
            }
            else
            {
                silo.UsePostgres(database.ConnectionString, ProvinceStorage.Name);
                silo.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
                silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedAddress), cluster.SiloPort, cluster.GatewayPort);
            }

            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(ClusterSettings.MembershipSectionName));
            // Not under "Orleans": Orleans reads that section itself and takes "Orleans:Reminders" for a provider.
            silo.Configure<ReminderOptions>(builder.Configuration.GetSection("Reminders"));
            silo.Configure<GrainCollectionOptions>(options => options.CollectionAge = TimeSpan.FromMinutes(30));
            // During a rolling upgrade, a grain whose interface has a new version activates only on silos that have it:
            // a help point of version 2 clears the state a silo of version 1 would read (see IHelpPointGrain).
            silo.Configure<GrainVersioningOptions>(options => options.DefaultVersionSelectorStrategy = nameof(LatestVersion));
            // Grain calls join the trace of the HTTP request that made them, when traces are recorded: the two filters
            // it puts on every grain call cost a tenth of a session listing even with nobody listening.
            if (TelemetryExtensions.RecordsTraces(builder.Configuration))
            {
                silo.AddActivityPropagation();
            }
        });
    }

    private static void AddGateway(this WebApplicationBuilder builder, CommuneDirectory directory)
    {
        var database = DatabaseSettings.From(builder.Configuration);
        builder.Services.AddSingleton(GatewayClients.From(builder.Configuration, directory, embedded: database is null));
        builder.Services.AddHostedService<OneTimeKeyNotice>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        builder.Services.AddAuthorization(AccessPolicy.AddTo);
        builder.Services.AddSingleton<IAuthorizationHandler, CommuneScopeHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessResultHandler>();
        builder.Services.AddClientRateLimit(builder.Configuration);
        builder.Services.AddSingleton<AuditTrail>();
        if (database is null)
        {
            builder.Services.AddSingleton<IAuditLog, InMemoryAuditLog>(_ => new InMemoryAuditLog());
        }
        else
        {
            builder.Services.AddSingleton<IAuditLog>(services =>
                new PostgresAuditLog(PostgresConnections.Tuned(database.ConnectionString), services.GetRequiredService<ILogger<PostgresAuditLog>>()));
        }


        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.Configure<JsonOptions>(options => GatewayJson.Configure(options.SerializerOptions));
        // Binding failures (unreadable JSON, wrong types, missing body) are thrown so that the exception handler can
        // answer them with a problem document naming the field, instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Problems the framework raises on its own (unknown route, wrong method, body too large) get our
            // bilingual titles and type URIs too; the ones we raise already carry theirs.
            var problem = context.ProblemDetails;
            if (problem.Type?.StartsWith("urn:provinceplatform:", StringComparison.Ordinal) != true
                && ProblemType.ForStatus(problem.Status ?? context.HttpContext.Response.StatusCode) is { } known)
            {
                problem.Type = known.Type;
                problem.Title = known.Title;
            }
        });
        builder.Services.AddExceptionHandler<GatewayExceptionHandler>();
        builder.Services.AddSingleton<GatewayServices>();
        builder.Services.AddOpenApi(options =>
        {
            ApiKeyOpenApi.Describe(options);
            options.AddSchemaTransformer<GatewayJsonSchemaTransformer>();
        });
    }
}
