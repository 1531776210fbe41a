using ProvincePlatform.PortalSimulator;

var app = PortalSimulatorApp.Create(args);
app.Run();
