package dev.noesis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCommandsTest {

    @TempDir
    Path home;

    private Cli cli;

    @BeforeEach
    void cli() {
        cli = new Cli(home);
    }

    @Test
    void worldWritesTheFolderAndSaysWhatIsInIt() {
        Path dir = home.resolve("w");
        Cli.Result r = cli.run("lab", "world", dir.toString(), "--seed", "3", "--size", "30");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("seed 3").contains("30 people").contains("noesis lab train");
        assertThat(dir.resolve("triples.jsonl")).exists();
        assertThat(dir.resolve("questions/held-out.jsonl")).exists();
    }

    @Test
    void trainRefusesAFolderThatIsNotAWorldAndAnUnknownSize() {
        Path world = home.resolve("w");
        assertThat(cli.run("lab", "world", world.toString(), "--size", "8").exit())
                .isZero();

        Cli.Result notWorld = cli.run("lab", "train", home.toString());
        Cli.Result size = cli.run("lab", "train", world.toString(), "--size", "huge");

        assertThat(notWorld.exit()).isEqualTo(2);
        assertThat(notWorld.err()).contains("world.json");
        assertThat(size.exit()).isEqualTo(2);
        assertThat(size.err()).contains("tiny, small");
    }

    @Test
    void trainWritesAModelAndAdaptersAndReportsProgressWithLoss() throws Exception {
        // The PyTorch libraries are unpacked once into a shared temporary folder, not into this
        // test's home (450 MB each time).
        String before = System.getProperty("DJL_CACHE_DIR");
        System.setProperty(
                "DJL_CACHE_DIR",
                Path.of(System.getProperty("java.io.tmpdir"), "noesis-lab-djl").toString());
        System.setProperty("ai.djl.pytorch.num_threads", "2");
        try {
            Path world = home.resolve("w");
            assertThat(cli.run("lab", "world", world.toString(), "--size", "8").exit())
                    .isZero();

            Cli.Result r = cli.run("lab", "train", world.toString(), "--steps", "20", "--adapter-steps", "2");

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).contains("base model: step 20/20, loss");
            assertThat(r.out()).contains("Base model: step 20").contains("Adapter");
            assertThat(world.resolve("model/model.safetensors")).exists();
            assertThat(world.resolve("adapters/letters/adapter_model.safetensors"))
                    .exists();
            assertThat(Files.readString(world.resolve("adapters/complement/adapter_config.json")))
                    .contains("\"LORA\"");
        } finally {
            if (before == null) {
                System.clearProperty("DJL_CACHE_DIR");
            } else {
                System.setProperty("DJL_CACHE_DIR", before);
            }
        }
    }
}
