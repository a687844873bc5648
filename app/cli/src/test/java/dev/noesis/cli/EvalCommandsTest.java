package dev.noesis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `noesis eval ...` over the real benchmark data beside the repository and the tiny model. */
class EvalCommandsTest {

    /** The shared benchmark data, beside the repository (CI has it there too). */
    static final Path DATA = Path.of("../../../shared/data").toAbsolutePath().normalize();

    @TempDir
    Path home;

    private Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
    }

    @Test
    void listShowsEveryBuiltInSuiteWithItsItemCountAndMetrics() {
        assertThat(DATA).as("the shared benchmark data").isDirectory();
        Cli.Result r = cli.run("eval", "list", "--data", DATA.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("gsm8k", "hotpotqa", "hotpotqa-evidence", "2wiki", "scifact-claims")
                .contains("numeric", "em,f1", "accuracy,macro_f1")
                .contains("Data: " + DATA)
                .doesNotContain("not available");
        assertThat(r.out()
                        .lines()
                        .filter(l -> l.startsWith("gsm8k "))
                        .findFirst()
                        .orElseThrow())
                .matches("gsm8k\\s+[0-9,]+\\s+numeric\\s+none\\s+.+");
    }

    @Test
    void listSaysWhichDataIsMissingAndStillListsTheSuites() throws Exception {
        Path empty = Files.createDirectories(home.resolve("no-data"));
        Cli.Result r = cli.run("eval", "list", "--data", empty.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("gsm8k", "not available: gsm8k", empty.toString());
    }
}
