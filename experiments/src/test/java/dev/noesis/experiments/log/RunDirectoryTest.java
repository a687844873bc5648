package dev.noesis.experiments.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.core.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder resumes its own experiment and refuses any other, saying what differs. */
class RunDirectoryTest {

    @TempDir
    Path work;

    private static JsonNode json(String text) throws Exception {
        return LogJson.MAPPER.readTree(text);
    }

    private static final String CONFIG = """
            {"suites": ["gsm8k"], "pipelines": ["raw", "self-consistency"], "baseline": "raw",
             "generation": {"temperature": 0.7, "max_tokens": 256}, "seeds": [1, 2], "limit": 200}""";

    @Test
    void aNewRunWritesItsManifestAndTheSameConfigResumesIt() throws Exception {
        Path folder = work.resolve("run");
        String hash;
        try (RunDirectory run = RunDirectory.open(folder, json(CONFIG))) {
            assertThat(run.resumed()).isFalse();
            hash = run.manifest().configHash();
            assertThat(hash).startsWith("sha256:").hasSize("sha256:".length() + 64);
            run.items().append(TestRecords.completed("q1", hash));
        }
        JsonNode manifest =
                LogJson.MAPPER.readTree(folder.resolve(RunDirectory.MANIFEST).toFile());
        assertThat(manifest.get("format").asText()).isEqualTo("noesis-run/1");
        assertThat(manifest.get("config_hash").asText()).isEqualTo(hash);
        assertThat(manifest.get("config")).isEqualTo(json(CONFIG));
        assertThat(manifest.get("created").asText()).isNotBlank();

        // Keys in another order and numbers spelled differently are the same experiment.
        String reordered = """
                {"limit": 200.0, "seeds": [1, 2], "baseline": "raw", "pipelines": ["raw", "self-consistency"],
                 "generation": {"max_tokens": 256, "temperature": 0.70}, "suites": ["gsm8k"]}""";
        try (RunDirectory again = RunDirectory.open(folder, json(reordered))) {
            assertThat(again.resumed()).isTrue();
            assertThat(again.manifest().configHash()).isEqualTo(hash);
            assertThat(again.items().contains(TestRecords.completed("q1", hash).key()))
                    .isTrue();
        }
    }

    @Test
    void anotherConfigIsRefusedNamingTheFirstDifference() throws Exception {
        Path folder = work.resolve("run");
        try (RunDirectory run = RunDirectory.open(folder, json(CONFIG))) {
            assertThat(run.resumed()).isFalse();
        }
        String hotter = CONFIG.replace("0.7", "0.2");
        assertThatThrownBy(() -> RunDirectory.open(folder, json(hotter)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "The run folder " + folder
                                + " holds another experiment: its config differs at 'generation.temperature'"
                                + " (0.7 in the folder, 0.2 now). A run folder only resumes the experiment it was started with.");
        String otherPipeline = CONFIG.replace("\"self-consistency\"", "\"critique-refine\"");
        assertThatThrownBy(() -> RunDirectory.open(folder, json(otherPipeline)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(
                        "differs at 'pipelines[1]' (\"self-consistency\" in the folder, \"critique-refine\" now)");
        String oneMoreSeed = CONFIG.replace("[1, 2]", "[1, 2, 3]");
        assertThatThrownBy(() -> RunDirectory.open(folder, json(oneMoreSeed)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("differs at 'seeds[2]' ((absent) in the folder, 3 now)");
        // The refusals left the folder as it was, and unlocked.
        try (RunDirectory same = RunDirectory.open(folder, json(CONFIG))) {
            assertThat(same.resumed()).isTrue();
        }
    }

    @Test
    void aFolderInUseIsRefused() throws Exception {
        Path folder = work.resolve("run");
        try (RunDirectory first = RunDirectory.open(folder, json(CONFIG))) {
            assertThat(first.resumed()).isFalse();
            assertThatThrownBy(() -> RunDirectory.open(folder, json(CONFIG)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("The run folder " + folder + " is in use by another run.");
        }
    }

    @Test
    void aFolderWithOtherFilesIsNotTakenForARun() throws Exception {
        Path folder = Files.createDirectories(work.resolve("papers"));
        Files.writeString(folder.resolve("draft.md"), "notes");
        assertThatThrownBy(() -> RunDirectory.open(folder, json(CONFIG)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not empty and is not a run folder (it has draft.md but no manifest.json)");
        assertThat(folder.resolve(RunDirectory.MANIFEST)).doesNotExist();
    }

    @Test
    void anEditedManifestIsRefused() throws Exception {
        Path folder = work.resolve("run");
        try (RunDirectory run = RunDirectory.open(folder, json(CONFIG))) {
            assertThat(run.resumed()).isFalse();
        }
        Path manifest = folder.resolve(RunDirectory.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"limit\" : 200", "\"limit\" : 300"));
        assertThatThrownBy(() -> RunDirectory.open(folder, json(CONFIG.replace("200", "300"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has been edited");
    }

    @Test
    void theFirstDifferenceWalksKeysInOrder() throws Exception {
        assertThat(ConfigDifference.first(
                        json("{\"b\": 1, \"a\": {\"x\": [1, 2]}}"), json("{\"a\": {\"x\": [1, 2]}, \"b\": 1.0}")))
                .isEmpty();
        assertThat(ConfigDifference.first(
                        json("{\"b\": 1, \"a\": {\"x\": [1, 2]}}"), json("{\"b\": 2, \"a\": {\"x\": [1]}}")))
                .contains(new ConfigDifference("a.x[1]", "2", "(absent)"));
        assertThat(ConfigDifference.first(json("{\"a\": 1}"), json("{\"a\": 1, \"c\": \"new\"}")))
                .contains(new ConfigDifference("c", "(absent)", "\"new\""));
        assertThat(CanonicalJson.hash(json("{\"t\": 0.5, \"n\": 10}")))
                .isEqualTo(CanonicalJson.hash(json("{\"n\": 1E1, \"t\": 0.50}")));
        assertThat(CanonicalJson.hash(json("{\"t\": 0.5}"))).isNotEqualTo(CanonicalJson.hash(json("{\"t\": 0.6}")));
    }
}
