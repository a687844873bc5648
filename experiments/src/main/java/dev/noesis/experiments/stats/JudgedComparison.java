package dev.noesis.experiments.stats;

/**
 * A comparison with its p-value adjusted for all comparisons of its experiment, and the verdict that
 * follows from it by {@link Verdict#decide}.
 *
 * @param comparison the comparison as computed alone
 * @param adjustedP  its Holm-adjusted p-value
 * @param verdict    better, worse or no detectable difference
 */
public record JudgedComparison(PairedComparison comparison, double adjustedP, Verdict verdict) {}
