using ProvincePlatform.Host.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddProvincePlatform();

var app = builder.Build();
app.MapProvincePlatform();
app.Run();
