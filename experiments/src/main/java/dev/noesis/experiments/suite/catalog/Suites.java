package dev.noesis.experiments.suite.catalog;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.experiments.suite.CorpusMetric;
import dev.noesis.experiments.suite.Suite;
import dev.noesis.experiments.suite.data.Gsm8kSuite;
import dev.noesis.experiments.suite.data.HotpotQaSuite;
import dev.noesis.experiments.suite.data.SciFactClaimsSuite;
import dev.noesis.experiments.suite.data.TwoWikiSuite;
import dev.noesis.experiments.suite.metric.MetricNames;
import dev.noesis.experiments.suite.user.UserSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The suites by name: the built-in ones over a data root (each in its own folder under it), and a
 * user's {@code .jsonl} file by its path.
 */
public final class Suites {

    /** Where the data root is found from a project checkout: {@code shared/data} beside the repository. */
    public static final Path SHARED_DATA = Path.of("shared", "data");

    private record BuiltIn(String name, String folder, String setup, Function<Path, Suite> open) {}

    private static final List<BuiltIn> BUILT_IN = List.of(
            new BuiltIn(Gsm8kSuite.NAME, Gsm8kSuite.FOLDER, "none", Gsm8kSuite::new),
            new BuiltIn(HotpotQaSuite.CLOSED_BOOK, HotpotQaSuite.FOLDER, "none", f -> new HotpotQaSuite(f, false)),
            new BuiltIn(
                    HotpotQaSuite.WITH_EVIDENCE, HotpotQaSuite.FOLDER, "documents", f -> new HotpotQaSuite(f, true)),
            new BuiltIn(TwoWikiSuite.NAME, TwoWikiSuite.FOLDER, "facts", TwoWikiSuite::new),
            new BuiltIn(SciFactClaimsSuite.NAME, SciFactClaimsSuite.FOLDER, "documents", SciFactClaimsSuite::new));

    private static final Map<String, List<String>> METRICS = Map.of(
            Gsm8kSuite.NAME, List.of(MetricNames.NUMERIC),
            HotpotQaSuite.CLOSED_BOOK, List.of(MetricNames.EM, MetricNames.F1),
            HotpotQaSuite.WITH_EVIDENCE, List.of(MetricNames.EM, MetricNames.F1),
            TwoWikiSuite.NAME, List.of(MetricNames.EM, MetricNames.F1),
            SciFactClaimsSuite.NAME, List.of(MetricNames.ACCURACY));

    private final Path dataRoot;
    private final Map<String, Suite> opened = new LinkedHashMap<>();

    /** @param dataRoot the folder that holds {@code gsm8k/}, {@code hotpotqa/}, ... */
    public Suites(Path dataRoot) {
        this.dataRoot = dataRoot;
    }

    /**
     * The data root seen from {@code start}: the first {@code shared/data} folder in {@code start} or
     * a folder above it (a checkout has it beside the repository); else {@code start/../shared/data},
     * which then does not exist and is named by the suites' errors.
     */
    public static Path defaultDataRoot(Path start) {
        Path absolute = start.toAbsolutePath().normalize();
        for (Path p = absolute; p != null; p = p.getParent()) {
            Path candidate = p.resolve(SHARED_DATA);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return absolute.resolve("..").resolve(SHARED_DATA).normalize();
    }

    public Path dataRoot() {
        return dataRoot;
    }

    /** The built-in suites' names, in the order they are listed. */
    public static List<String> builtInNames() {
        return BUILT_IN.stream().map(BuiltIn::name).toList();
    }

    /**
     * A suite by name, or a user's suite by the path of its {@code .jsonl} file (relative to the
     * working directory, or absolute).
     *
     * @throws InvalidInputException for an unknown name (listing the known ones), missing data, or a bad file
     */
    public synchronized Suite resolve(String nameOrPath) {
        String n = nameOrPath == null ? "" : nameOrPath.strip();
        if (n.endsWith(".jsonl") || n.contains("/") || n.contains(java.io.File.separator)) {
            return UserSuite.load(Path.of(n));
        }
        Suite suite = opened.get(n);
        if (suite == null) {
            BuiltIn b = BUILT_IN.stream()
                    .filter(x -> x.name().equals(n))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException("Unknown suite '" + n + "'. Built-in suites: "
                            + String.join(", ", builtInNames()) + "; a suite of your own is given as the path of"
                            + " its .jsonl file."));
            suite = b.open().apply(dataRoot.resolve(b.folder()));
            opened.put(n, suite);
        }
        return suite;
    }

    /** Every built-in suite with its item count, or why its data cannot be read. Reads each data set once. */
    public List<SuiteSummary> list() {
        List<SuiteSummary> out = new ArrayList<>();
        for (BuiltIn b : BUILT_IN) {
            try {
                Suite s = resolve(b.name());
                out.add(new SuiteSummary(
                        s.name(),
                        s.description(),
                        s.metrics(),
                        s.corpusMetrics().stream().map(CorpusMetric::name).toList(),
                        OptionalInt.of(s.items().size()),
                        b.setup(),
                        Optional.empty()));
            } catch (InvalidInputException e) {
                out.add(new SuiteSummary(
                        b.name(),
                        "(data not available)",
                        METRICS.get(b.name()),
                        b.name().equals(SciFactClaimsSuite.NAME) ? List.of(MetricNames.MACRO_F1) : List.of(),
                        OptionalInt.empty(),
                        b.setup(),
                        Optional.of(e.getMessage())));
            }
        }
        return out;
    }
}
