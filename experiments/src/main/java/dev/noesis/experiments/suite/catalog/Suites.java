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

    /**
     * A suite the catalogue lists and opens by name: a built-in one, or one a caller adds (a suite that
     * lives in a module this one does not import, such as BEIR retrieval).
     *
     * @param name          the name users type
     * @param folder        its data folder under the data root
     * @param setup         what it sets up, for {@code eval list}: {@code none}, {@code documents}, {@code facts}, ...
     * @param metrics       its metrics, listed even when its data is missing
     * @param corpusMetrics its corpus-level metrics, likewise
     * @param open          opens it over its data folder
     */
    public record Entry(
            String name,
            String folder,
            String setup,
            List<String> metrics,
            List<String> corpusMetrics,
            Function<Path, Suite> open) {

        public Entry {
            metrics = List.copyOf(metrics);
            corpusMetrics = List.copyOf(corpusMetrics);
        }
    }

    private static final List<Entry> BUILT_IN = List.of(
            new Entry(
                    Gsm8kSuite.NAME,
                    Gsm8kSuite.FOLDER,
                    "none",
                    List.of(MetricNames.NUMERIC),
                    List.of(),
                    Gsm8kSuite::new),
            new Entry(
                    HotpotQaSuite.CLOSED_BOOK,
                    HotpotQaSuite.FOLDER,
                    "none",
                    List.of(MetricNames.EM, MetricNames.F1),
                    List.of(),
                    f -> new HotpotQaSuite(f, false)),
            new Entry(
                    HotpotQaSuite.WITH_EVIDENCE,
                    HotpotQaSuite.FOLDER,
                    "documents",
                    List.of(MetricNames.EM, MetricNames.F1),
                    List.of(),
                    f -> new HotpotQaSuite(f, true)),
            new Entry(
                    TwoWikiSuite.NAME,
                    TwoWikiSuite.FOLDER,
                    "facts",
                    List.of(MetricNames.EM, MetricNames.F1),
                    List.of(),
                    TwoWikiSuite::new),
            new Entry(
                    SciFactClaimsSuite.NAME,
                    SciFactClaimsSuite.FOLDER,
                    "documents",
                    List.of(MetricNames.ACCURACY),
                    List.of(MetricNames.MACRO_F1),
                    SciFactClaimsSuite::new));

    private final Path dataRoot;
    private final List<Entry> entries;
    private final Map<String, Suite> opened = new LinkedHashMap<>();

    /** @param dataRoot the folder that holds {@code gsm8k/}, {@code hotpotqa/}, ... */
    public Suites(Path dataRoot) {
        this(dataRoot, List.of());
    }

    /**
     * @param dataRoot the folder that holds {@code gsm8k/}, {@code hotpotqa/}, ...
     * @param extra    suites listed after the built-in ones, under names of their own
     */
    public Suites(Path dataRoot, List<Entry> extra) {
        this.dataRoot = dataRoot;
        List<Entry> all = new ArrayList<>(BUILT_IN);
        for (Entry e : extra) {
            if (all.stream().anyMatch(x -> x.name().equals(e.name()))) {
                throw new IllegalArgumentException("two suites are named '" + e.name() + "'");
            }
            all.add(e);
        }
        this.entries = List.copyOf(all);
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
        return BUILT_IN.stream().map(Entry::name).toList();
    }

    /** Every suite's name this catalogue opens, the added ones after the built-in ones. */
    public List<String> names() {
        return entries.stream().map(Entry::name).toList();
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
            Entry b = entries.stream()
                    .filter(x -> x.name().equals(n))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException("Unknown suite '" + n + "'. Suites: "
                            + String.join(", ", names()) + "; a suite of your own is given as the path of"
                            + " its .jsonl file."));
            suite = b.open().apply(dataRoot.resolve(b.folder()));
            opened.put(n, suite);
        }
        return suite;
    }

    /** Every built-in suite with its item count, or why its data cannot be read. Reads each data set once. */
    public List<SuiteSummary> list() {
        List<SuiteSummary> out = new ArrayList<>();
        for (Entry b : entries) {
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
                        b.metrics(),
                        b.corpusMetrics(),
                        OptionalInt.empty(),
                        b.setup(),
                        Optional.of(e.getMessage())));
            }
        }
        return out;
    }
}
