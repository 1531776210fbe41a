using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Hosting;
using ProvincePlatform.Host.Rollout.Command;

if (KeysCommand.Matches(args))
{
    return KeysCommand.Run(args, Console.Out, Console.Error);
}

if (RolloutCommand.Matches(args))
{
    return await RolloutCommand.RunAsync(args);
}

return await StartupFailure.RunToExitCodeAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddProvincePlatform();

    var app = builder.Build();
    app.MapProvincePlatform();
    await app.RunAsync();
});
