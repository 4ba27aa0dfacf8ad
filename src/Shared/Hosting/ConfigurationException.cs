namespace MpcNetwork.Shared.Hosting;

/// <summary>A setting is missing or invalid; the service stops at start-up with this message.</summary>
public sealed class ConfigurationException(string setting, string reason)
    : Exception($"Invalid setting {setting}: {reason}")
{
    /// <summary>Configuration key of the setting, e.g. <c>Node:Input</c>.</summary>
    public string Setting { get; } = setting;
}
