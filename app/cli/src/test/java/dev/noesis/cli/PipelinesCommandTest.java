package dev.noesis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.jlama.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `noesis pipelines ...` and `noesis ask --pipeline`, through the real modules and the tiny model. */
class PipelinesCommandTest {

    @TempDir
    Path home;

    private Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
    }

    @Test
    void listsTheBuiltInPipelinesWithWhatTheyTest() {
        Cli.Result r = cli.run("pipelines", "list");

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "raw",
                        "rag",
                        "plan-solve",
                        "critique-refine",
                        "self-consistency",
                        "generate-filter-validate-select",
                        "memory-augmented",
                        "the baseline",
                        "built in");
    }

    @Test
    void showPrintsTheYamlAndModulesListsWhatPipelinesCanUse() {
        assertThat(cli.run("pipelines", "show", "self-consistency").out()).contains("fanout:", "select: majority");
        Cli.Result modules = cli.run("pipelines", "modules");
        assertThat(modules.out())
                .contains("planner", "settings: maxSteps, maxTokens", "critic.accepted", "fanout {n, temperature");
        Cli.Result unknown = cli.run("pipelines", "show", "nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown pipeline 'nope'");
    }

    @Test
    void validateReportsTheFirstProblemWithItsPosition() throws Exception {
        Path good = home.resolve("good.yaml");
        Files.writeString(good, "name: mine\nsteps:\n  - planner: {}\n  - generator: {}\n");
        Path bad = home.resolve("bad.yaml");
        Files.writeString(bad, "name: mine\nsteps:\n  - planer: {}\n");

        assertThat(cli.run("pipelines", "validate", good.toString()).out()).contains("'mine' is valid (2 steps)");
        Cli.Result r = cli.run("pipelines", "validate", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("noesis: " + bad + ":3:5: expected a module or control form, not 'planer'")
                .contains(
                        "Modules: adapter-router, critic, generator, memory-write, planner, reasoning-injector, retriever");
    }

    @Test
    void validateChecksTheAdaptersAPipelineNamesAgainstTheRegistry() throws Exception {
        Path typo = home.resolve("typo.yaml");
        Files.writeString(typo, "name: typo\nsteps:\n  - generator: {}\n    adapter: legl\n");
        Path onBase = home.resolve("base.yaml");
        Files.writeString(onBase, "name: on-base\nadapter: base\nsteps:\n  - generator: {}\n");

        Cli.Result r = cli.run("pipelines", "validate", typo.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("noesis: " + typo + ":4:14: No adapter named \"legl\" is registered (none are).");
        assertThat(cli.run("pipelines", "validate", onBase.toString()).exit()).isZero();
    }

    @Test
    void userPipelinesAreFoundByNameAndCannotReplaceBuiltIns() throws Exception {
        Files.createDirectories(home.resolve("pipelines"));
        Files.writeString(
                home.resolve("pipelines/raw.yaml"), "name: raw\ndescription: my own raw\nsteps:\n  - generator: {}\n");
        Files.writeString(
                home.resolve("pipelines/twice.yaml"), "name: twice\nsteps:\n  - generator: {}\n  - generator: {}\n");

        Cli.Result list = cli.run("pipelines", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out())
                .contains("twice")
                .contains("the baseline")
                .doesNotContain("my own raw")
                .contains("cannot be run: " + home.resolve("pipelines/raw.yaml")
                        + ": refused: 'raw' is a built-in pipeline");

        Cli.Result r = cli.run(
                "ask",
                "--json",
                "--pipeline",
                "twice",
                "--model",
                TinyModels.standard().toString(),
                "--max-tokens",
                "6",
                "hi");
        JsonNode run = new ObjectMapper().readTree(r.out());
        assertThat(run.at("/trace/pipeline").asText()).isEqualTo("twice");
        assertThat(run.at("/usage/modelCalls").asInt()).isEqualTo(2);

        Cli.Result builtIn = cli.run(
                "ask",
                "--json",
                "--pipeline",
                "raw",
                "--model",
                TinyModels.standard().toString(),
                "--max-tokens",
                "6",
                "hi");
        assertThat(builtIn.exit()).as(builtIn.err()).isZero();
        assertThat(builtIn.err()).contains("running the built-in 'raw'", "raw.yaml: refused");
        assertThat(new ObjectMapper()
                        .readTree(builtIn.out())
                        .at("/usage/modelCalls")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aPipelineRunsOnTheModelItNamesUnlessTheCommandLineNamesOne() throws Exception {
        Path missing = home.resolve("no-such-model");
        Path file = home.resolve("named.yaml");
        Files.writeString(file, "name: named\nmodel: " + missing + "\nsteps:\n  - generator: {}\n");

        Cli.Result own = cli.run("ask", "--pipeline", file.toString(), "--max-tokens", "4", "hi");
        assertThat(own.exit()).isEqualTo(2);
        assertThat(own.err()).contains(missing.toString());

        Cli.Result flag = cli.run(
                "ask",
                "--json",
                "--pipeline",
                file.toString(),
                "--model",
                TinyModels.standard().toString(),
                "--max-tokens",
                "4",
                "hi");
        assertThat(flag.exit()).as(flag.err()).isZero();
        assertThat(new ObjectMapper().readTree(flag.out()).at("/trace/pipeline").asText())
                .isEqualTo("named");
    }

    @Test
    void askRunsAMultiStepPipelineAndTracesIt() throws Exception {
        String model = TinyModels.standard().toString();
        Cli.Result r = cli.run(
                "ask",
                "--pipeline",
                "plan-solve",
                "--trace",
                "--model",
                model,
                "--max-tokens",
                "12",
                "What is 17 * 23?");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "step 0 · planner · steps[0]",
                        "step 1 · reasoning-injector",
                        "step 2 · generator",
                        "note: planned",
                        "note: injected: [ ]",
                        "reused from the KV cache");

        Cli.Result json =
                cli.run("ask", "--json", "--pipeline", "self-consistency", "--model", model, "--max-tokens", "6", "q?");
        JsonNode run = new ObjectMapper().readTree(json.out());
        assertThat(run.at("/usage/modelCalls").asInt()).isEqualTo(5);
        assertThat(run.at("/usage/reusedPromptTokens").asInt()).isPositive();
        Cli.Result noReuse = cli.run(
                "ask",
                "--json",
                "--no-kv-reuse",
                "--pipeline",
                "self-consistency",
                "--model",
                model,
                "--max-tokens",
                "6",
                "q?");
        JsonNode plain = new ObjectMapper().readTree(noReuse.out());
        assertThat(plain.at("/usage/reusedPromptTokens").asInt()).isZero();
        assertThat(plain.path("answer").asText()).isEqualTo(run.path("answer").asText());
    }

    @Test
    void aPipelineFileWithAnErrorIsRejectedBeforeTheModelLoads() throws Exception {
        Path bad = home.resolve("bad.yaml");
        Files.writeString(bad, "name: x\nsteps:\n  - repeat: { until: critic.acepted, steps: [ {generator: {}} ] }\n");

        Cli.Result r = cli.run(
                "ask",
                "--pipeline",
                bad.toString(),
                "--model",
                home.resolve("no-model").toString(),
                "q");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains(bad + ":3:22: in the condition \"critic.acepted\": the unknown name 'critic.acepted'");
    }
}
