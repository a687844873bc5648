package dev.noesis.cli.command;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.retrieval.index.FusionSettings;
import picocli.CommandLine.Option;

/** How hybrid searches fuse their rankings; shared by the commands that measure them. */
public final class FusionOptions {

    @Option(names = "--rrf-k", paramLabel = "K", description = "Reciprocal rank fusion's k. Default: 60.")
    Double rrfK;

    @Option(
            names = "--bm25-weight",
            paramLabel = "W",
            description = "Weight of the BM25 ranking in the fusion. Default: 1.")
    Double bm25Weight;

    @Option(
            names = "--dense-weight",
            paramLabel = "W",
            description = "Weight of the dense ranking in the fusion. Default: 1.")
    Double denseWeight;

    @Option(
            names = "--candidates",
            paramLabel = "N",
            description = "How deep each ranking is read before fusing. Default: 100.")
    Integer candidates;

    public FusionSettings settings() {
        FusionSettings f = FusionSettings.DEFAULTS;
        try {
            if (rrfK != null) {
                f = f.withK(rrfK);
            }
            if (bm25Weight != null || denseWeight != null) {
                f = f.withWeights(
                        bm25Weight != null ? bm25Weight : f.bm25Weight(),
                        denseWeight != null ? denseWeight : f.denseWeight());
            }
            if (candidates != null) {
                f = f.withCandidates(candidates);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage() + ".");
        }
        return f;
    }
}
