using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ProvincePlatform.Cluster.Tests.Support;

/// <summary>
/// Loopback ports for the processes the tests start. They are drawn below the kernel's ephemeral range, so that no
/// outgoing connection (of these tests, of other test projects running beside them) takes one between the check
/// here and the process binding it, and never handed out twice in one test run.
/// </summary>
public static class FreePorts
{
    private const int Lowest = 12000;

    private static readonly HashSet<int> s_handedOut = [];
    private static readonly int s_ephemeralStart = EphemeralStart();

    public static int[] Take(int count)
    {
        var ports = new int[count];
        lock (s_handedOut)
        {
            for (var i = 0; i < count; i++)
            {
                ports[i] = TakeOne();
            }
        }

        return ports;
    }

    private static int TakeOne()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(Lowest, s_ephemeralStart);
            if (!s_handedOut.Contains(port) && IsFree(port))
            {
                s_handedOut.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {s_ephemeralStart}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralStart()
    {
        const string Range = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(Range)
            && File.ReadAllText(Range).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries) is [var low, ..]
            && int.TryParse(low, NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && start > Lowest + 1000)
        {
            return start;
        }

        return 32768;
    }
}
