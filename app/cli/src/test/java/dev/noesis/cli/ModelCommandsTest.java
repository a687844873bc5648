package dev.noesis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.jlama.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `noesis model ...` and `noesis demo`, on real files and the real Jlama path. */
class ModelCommandsTest {

    @TempDir
    Path home;

    private Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
    }

    @Test
    void createTinyWritesALoadableModelAndSaysItIsNoise() {
        Path dir = home.resolve("m1");
        Cli.Result r = cli.run("model", "create-tiny", dir.toString(), "--seed", "3");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("seed 3").contains("noise");
        assertThat(dir.resolve("model.safetensors")).exists();
        assertThat(cli.run("ask", "--model", dir.toString(), "--max-tokens", "3", "hi")
                        .exit())
                .isZero();
    }

    @Test
    void createTinyRefusesAFolderWithFilesAndAnUnknownShape() throws IOException {
        Path dir = Files.createDirectory(home.resolve("full"));
        Files.writeString(dir.resolve("notes.txt"), "keep");

        Cli.Result full = cli.run("model", "create-tiny", dir.toString());
        Cli.Result shape = cli.run("model", "create-tiny", home.resolve("x").toString(), "--shape", "llama-99b");

        assertThat(full.exit()).isEqualTo(2);
        assertThat(full.err()).contains("not empty");
        assertThat(shape.exit()).isEqualTo(2);
        assertThat(shape.err()).contains("llama-3.2-1b");
    }

    @Test
    void infoDescribesAModelWithoutLoadingIt() {
        Cli.Result r = cli.run("model", "info", TinyModels.standard().toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .containsPattern("hidden_size\\s+64")
                .containsPattern("vocab_size\\s+1024")
                .containsPattern("architecture\\s+llama")
                .containsPattern("weights_dtypes\\s+F32");
    }

    @Test
    void infoOnAHubIdNotDownloadedSaysHowToGetIt() {
        Cli.Result r = cli.run("model", "info", "acme/not-here");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("has not been downloaded").contains("noesis ask --model acme/not-here");
    }

    @Test
    void quantizeWritesAQ4CopyAndRefusesQ8WithTheReason() {
        Path out = home.resolve("q4");
        Cli.Result r = cli.run("model", "quantize", TinyModels.withSeed(21).toString(), out.toString());
        Cli.Result q8 = cli.run(
                "model",
                "quantize",
                TinyModels.withSeed(21).toString(),
                home.resolve("q8").toString(),
                "--type",
                "Q8");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Wrote " + out);
        assertThat(cli.run("model", "info", out.toString()).out()).contains("Q4");
        assertThat(q8.exit()).isEqualTo(2);
        assertThat(q8.err()).contains("8-bit");
    }

    @Test
    void benchPrintsTheFiguresOfAHardwareReport() {
        Cli.Result r = cli.run("model", "bench", TinyModels.withSeed(31).toString(), "--tokens", "6", "--rounds", "1");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "load:",
                        "prompt:",
                        "ms/token",
                        "generation:",
                        "tokens/s",
                        "Jlama directly:",
                        "Noesis overhead:",
                        "peak memory:");
    }

    @Test
    void demoRunsOfflineEndToEnd() {
        Cli.Result r = cli.run("demo");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "Answer:",
                        "noise",
                        "Trace of run",
                        "step 0 · generator",
                        "tokens/s",
                        "Use a real model",
                        "--model http://localhost:11434/v1");
        assertThat(home.resolve("models/noesis-tiny/config.json")).exists();
    }

    @Test
    void modelWithoutASubcommandAsksForOne() {
        Cli.Result r = cli.run("model");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("create-tiny");
    }

    @Test
    void versionAndHelpWork() {
        assertThat(cli.run("--version").out()).startsWith("noesis ");
        Cli.Result help = cli.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("ask", "demo", "model", "Exit codes");
    }
}
