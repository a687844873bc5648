package dev.noesis.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.modules.DefaultModuleEnvironment;
import dev.noesis.orchestrator.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue of pipelines: built-ins and the user's folder, and the folder's rules. */
class PipelinesTest {

    private static final ModuleRegistry REGISTRY = ModuleRegistry.load(DefaultModuleEnvironment.shipped());

    @TempDir
    Path folder;

    private Pipelines pipelines;

    @BeforeEach
    void setUp() {
        pipelines = new Pipelines(REGISTRY, Optional.of(folder));
    }

    private void write(String file, String yaml) throws Exception {
        Files.writeString(folder.resolve(file), yaml);
    }

    private Pipelines.Entry entry(String name) {
        return pipelines.list().stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aBrokenFileIsListedWithItsProblemBesideTheGoodOnes() throws Exception {
        write("twice.yaml", "name: twice\ndescription: two drafts\nsteps:\n  - generator: {}\n  - generator: {}\n");
        write("broken.yaml", "name: broken\nsteps:\n  - genrator: {}\n");

        List<Pipelines.Entry> list = pipelines.list();

        assertThat(list)
                .extracting(Pipelines.Entry::name)
                .containsExactly(
                        "raw",
                        "rag",
                        "plan-solve",
                        "critique-refine",
                        "self-consistency",
                        "generate-filter-validate-select",
                        "memory-augmented",
                        "broken",
                        "twice");
        assertThat(entry("twice").runnable()).isTrue();
        assertThat(entry("twice").description()).isEqualTo("two drafts");
        Pipelines.Entry broken = entry("broken");
        assertThat(broken.runnable()).isFalse();
        assertThat(broken.source()).isEqualTo(folder.resolve("broken.yaml").toString());
        assertThat(broken.problem())
                .hasValueSatisfying(p -> assertThat(p)
                        .startsWith(folder.resolve("broken.yaml")
                                + ":3:5: expected a module or control form, not 'genrator'"));
        assertThat(pipelines.get("twice").steps()).hasSize(2);
        assertThatThrownBy(() -> pipelines.get("broken"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(":3:5: expected a module or control form");
    }

    @Test
    void aFileInTheFolderIsNamedByItsFileAndANameThatDisagreesIsRefused() throws Exception {
        write("my-rag.yaml", "description: copied\nname: rag\nsteps:\n  - generator: {}\n");

        Pipelines.Entry e = entry("my-rag");

        assertThat(e.runnable()).isFalse();
        assertThat(e.problem())
                .contains(folder.resolve("my-rag.yaml") + ":2:1: the file says name: rag, but a pipeline in the"
                        + " pipelines folder is named, listed and run by its file name, 'my-rag'; change the line to name: my-rag"
                        + " (or rename the file).");
        assertThat(pipelines.list())
                .filteredOn(x -> x.name().equals("rag"))
                .singleElement()
                .satisfies(rag -> assertThat(rag.source()).isEqualTo("built in"));
        assertThatThrownBy(() -> pipelines.get("my-rag")).hasMessageContaining("change the line to name: my-rag");

        write("my-rag.yaml", "description: copied\nname: my-rag\nsteps:\n  - generator: {}\n");
        assertThat(pipelines.get("my-rag").name()).isEqualTo("my-rag");
        assertThat(entry("my-rag").runnable()).isTrue();
    }

    @Test
    void aFileCannotReplaceABuiltInPipeline() throws Exception {
        write("raw.yaml", "name: raw\ndescription: my own raw\nsteps:\n  - generator: { maxTokens: 3 }\n");

        List<Pipelines.Entry> raws =
                pipelines.list().stream().filter(e -> e.name().equals("raw")).toList();

        assertThat(raws).hasSize(2);
        assertThat(raws.get(0).source()).isEqualTo("built in");
        assertThat(raws.get(0).description()).contains("baseline");
        assertThat(raws.get(1).runnable()).isFalse();
        assertThat(raws.get(1).problem())
                .hasValueSatisfying(p -> assertThat(p)
                        .contains("refused: 'raw' is a built-in pipeline")
                        .contains("rename the file, e.g. to my-raw.yaml"));
        Step.Apply generator = (Step.Apply) pipelines.get("raw").steps().get(0);
        assertThat(generator.module().config())
                .as("the built-in baseline runs")
                .doesNotContainKey("maxTokens")
                .containsEntry("task", "none");
        assertThat(pipelines.source("raw")).doesNotContain("my own raw");
        assertThat(pipelines.refusal("raw"))
                .hasValueSatisfying(p -> assertThat(p).contains("refused"));
        assertThat(pipelines.refusal("rag")).isEmpty();
    }

    @Test
    void badlyNamedAndTwiceNamedFilesAreReportedNotSkipped() throws Exception {
        write("My Pipeline.yaml", "name: x\nsteps:\n  - generator: {}\n");
        write("dup.yaml", "name: dup\nsteps:\n  - generator: {}\n");
        write("dup.yml", "name: dup\nsteps:\n  - generator: {}\n");
        write("notes.txt", "not a pipeline");

        List<Pipelines.Entry> user = pipelines.list().stream()
                .filter(e -> !e.source().equals("built in"))
                .toList();

        assertThat(user).extracting(Pipelines.Entry::name).containsExactly("My Pipeline", "dup", "dup");
        assertThat(user.get(0).problem()).hasValueSatisfying(p -> assertThat(p).contains("cannot name a pipeline"));
        assertThat(user.get(1).runnable()).isTrue();
        assertThat(user.get(2).problem()).hasValueSatisfying(p -> assertThat(p).contains("dup.yaml has the same name"));
        assertThat(pipelines.get("dup").name()).isEqualTo("dup");
    }

    @Test
    void aMissingFileAndAnUnknownNameAreSaidSo() {
        Path missing = folder.resolve("nope.yaml");

        assertThatThrownBy(() -> pipelines.get(missing.toString()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("The pipeline file " + missing + " does not exist.");
        assertThatThrownBy(() -> pipelines.get("nope"))
                .hasMessageStartingWith("Unknown pipeline 'nope'. Pipelines: raw, rag,");
    }

    @Test
    void theBuiltInPipelinesFollowTheNameRuleThemselves() {
        for (String name : Pipelines.BUILT_IN) {
            assertThat(pipelines.get(name).name()).isEqualTo(name);
        }
    }
}
