package dev.noesis.wiring;

import dev.noesis.benchmarks.beir.BeirRetrievalSuite;
import dev.noesis.experiments.suite.catalog.Suites;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The experiment harness put together from configuration: which suites there are, over which data,
 * and where runs go. The command line and the REST server reach the harness only through here.
 */
public final class Experiments {

    private final NoesisConfig config;

    public Experiments(NoesisConfig config) {
        this.config = config;
    }

    /**
     * The built-in suites (BEIR retrieval, {@code beir-retrieval}, among them) over {@code dataDir} if given, else {@code noesis.eval.data-dir}, else the
     * first {@code shared/data} folder at or above the working folder (a checkout of Noesis has the
     * benchmark data there).
     */
    public Suites suites(Optional<Path> dataDir) {
        Path root = dataDir.or(() -> config.eval().dataDir())
                .map(p -> p.toAbsolutePath().normalize())
                .orElseGet(() -> Suites.defaultDataRoot(Path.of("")));
        return new Suites(root, List.of(BeirRetrievalSuite.entry()));
    }
}
