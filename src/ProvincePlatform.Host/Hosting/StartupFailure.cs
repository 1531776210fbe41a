namespace ProvincePlatform.Host.Hosting;

public static class StartupFailure
{
    /// <summary>
    /// Runs the host; when it cannot start (a wrong connection string, a missing schema, a register or client list
    /// that cannot be read), says why in one line and exits with 1, instead of dying with an unhandled exception and
    /// its stack.
    /// </summary>
    public static async Task<int> RunToExitCodeAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (InvalidOperationException exception)
        {
            await Console.Error.WriteLineAsync($"ProvincePlatform did not start: {exception.Message}");
            return 1;
        }
    }
}
