namespace MpcNetwork.Shared.Privacy;

/// <summary>A randomized-response estimate of a proportion and its estimated standard error.</summary>
public readonly record struct RandomizedResponseEstimate(double Proportion, double StandardError);
