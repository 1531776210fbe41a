namespace ProvincePlatform.Contracts.Rollout;

/// <summary>What provisioning from a template did in one commune.</summary>
[GenerateSerializer, Alias("pp.ProvisionResult")]
public enum ProvisionResult
{
    /// <summary>The commune's help points were opened from the template now.</summary>
    Provisioned,

    /// <summary>The commune already had help points; nothing was opened.</summary>
    Skipped,
}
