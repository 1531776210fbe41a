using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Hosting;

if (KeysCommand.Matches(args))
{
    return KeysCommand.Run(args, Console.Out, Console.Error);
}

return await StartupFailure.RunToExitCodeAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddProvincePlatform();

    var app = builder.Build();
    app.MapProvincePlatform();
    await app.RunAsync();
});
