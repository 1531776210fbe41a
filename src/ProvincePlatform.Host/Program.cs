using ProvincePlatform.Host.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddProvincePlatform();

var app = builder.Build();
app.MapProvincePlatform();
return await app.RunToExitCodeAsync();
