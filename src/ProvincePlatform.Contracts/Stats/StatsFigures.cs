using System.Collections.Immutable;
using ProvincePlatform.Contracts.Requests;

namespace ProvincePlatform.Contracts.Stats;

/// <summary>
/// The results of the model over a date range. Bookings count by the date of their session, requests by the date
/// they were opened (as the request listing filters them), each by its status now.
/// </summary>
/// <param name="CitizensGuided">Distinct citizens checked in or walked in.</param>
/// <param name="SeatsOffered">Computers × sessions that have ended, on days the help point was open.</param>
/// <param name="SeatsUsed">Check-ins and walk-ins.</param>
/// <param name="RequestsFiledOnline">Requests that reached the national portal.</param>
/// <param name="GuidedRequests">Requests opened for a booking, i.e. after guidance at a help point.</param>
[GenerateSerializer, Immutable, Alias("pp.StatsFigures")]
public sealed record StatsFigures(
    [property: Id(0)] int CitizensGuided,
    [property: Id(1)] int Bookings,
    [property: Id(2)] int CheckIns,
    [property: Id(3)] int NoShows,
    [property: Id(4)] int WalkIns,
    [property: Id(5)] int Cancellations,
    [property: Id(6)] int SeatsOffered,
    [property: Id(7)] int SeatsUsed,
    [property: Id(8)] int Requests,
    [property: Id(9)] ImmutableDictionary<RequestStatus, int> RequestsByStatus,
    [property: Id(10)] ImmutableDictionary<string, int> RequestsByService,
    [property: Id(11)] int RequestsFiledOnline,
    [property: Id(12)] int GuidedRequests,
    [property: Id(13)] int GuidedRequestsFiledOnline)
{
    public static StatsFigures Zero { get; } = new(
        0, 0, 0, 0, 0, 0, 0, 0, 0, ImmutableDictionary<RequestStatus, int>.Empty, ImmutableDictionary<string, int>.Empty, 0, 0, 0);
}
