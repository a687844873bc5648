package dev.noesis.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.modules.DefaultModuleEnvironment;
import dev.noesis.orchestrator.Pipeline;
import dev.noesis.orchestrator.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineParserTest {

    private static final PipelineParser PARSER =
            new PipelineParser(ModuleRegistry.load(DefaultModuleEnvironment.shipped()));

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of("empty file", "", "p.yaml: the file is empty"),
                Arguments.of("not YAML", "name: x\nsteps: [ {generator: {} \n", "p.yaml:3:1: this is not valid YAML"),
                Arguments.of(
                        "top level is a list",
                        "- generator: {}\n",
                        "p.yaml:1:1: expected a mapping with name, description and steps"),
                Arguments.of("no name", "steps:\n  - generator: {}\n", "p.yaml:1:1: expected a 'name' here"),
                Arguments.of(
                        "unknown top-level key",
                        "name: x\nstep:\n  - generator: {}\n",
                        "p.yaml:2:1: expected one of adapter, description, model, name, steps, not 'step'"),
                Arguments.of("no steps", "name: x\nsteps: []\n", "p.yaml:2:8: expected a list of steps"),
                Arguments.of(
                        "unknown module",
                        "name: x\nsteps:\n  - genrator: {}\n",
                        "p.yaml:3:5: expected a module or control form, not 'genrator'. Modules: adapter-router, critic, generator, memory-write, planner, reasoning-injector, retriever, selector, validator"),
                Arguments.of(
                        "two modules in one step",
                        "name: x\nsteps:\n  - generator: {}\n    critic: {}\n",
                        "p.yaml:3:5: expected one module or control form per step, found 2 keys"),
                Arguments.of(
                        "unknown setting",
                        "name: x\nsteps:\n  - planner: { maxSteps: 3, depth: 2 }\n",
                        "p.yaml:3:29: 'depth' is not a setting of planner; its settings are: maxSteps, maxTokens"),
                Arguments.of(
                        "setting of the wrong kind",
                        "name: x\nsteps:\n  - planner:\n      maxSteps: many\n",
                        "p.yaml:4:7: the setting 'maxSteps' of planner must be a whole number"),
                Arguments.of(
                        "setting out of range",
                        "name: x\nsteps:\n  - planner: { maxSteps: 40 }\n",
                        "p.yaml:3:5: planner maxSteps must be between 1 and 10, got 40."),
                Arguments.of(
                        "settings not a mapping",
                        "name: x\nsteps:\n  - critic: strict\n",
                        "p.yaml:3:13: expected the settings of critic as a mapping"),
                Arguments.of(
                        "repeat without steps",
                        "name: x\nsteps:\n  - repeat: { max: 2 }\n",
                        "p.yaml:3:13: expected a 'steps' here"),
                Arguments.of(
                        "repeat max out of range",
                        "name: x\nsteps:\n  - repeat: { max: 500, steps: [ {generator: {}} ] }\n",
                        "p.yaml:3:20: expected a whole number from 1 to 100"),
                Arguments.of(
                        "fanout select unknown",
                        "name: x\nsteps:\n  - fanout: { n: 3, select: best, steps: [ {generator: {}} ] }\n",
                        "p.yaml:3:29: expected majority, critic, validator or none, not 'best'"),
                Arguments.of(
                        "fanout n too small",
                        "name: x\nsteps:\n  - fanout: { n: 1, steps: [ {generator: {}} ] }\n",
                        "p.yaml:3:18: expected a whole number from 2 to 32"),
                Arguments.of(
                        "condition with an unknown name",
                        "name: x\nsteps:\n  - repeat:\n      until: critic.acepted\n      steps:\n        - generator: {}\n",
                        "p.yaml:4:14: in the condition \"critic.acepted\": the unknown name 'critic.acepted'"),
                Arguments.of(
                        "condition that is a number",
                        "name: x\nsteps:\n  - when: { condition: drafts.count, steps: [ {generator: {}} ] }\n",
                        "p.yaml:3:24: in the condition \"drafts.count\": 'drafts.count' is a number"),
                Arguments.of(
                        "condition comparing kinds",
                        "name: x\nsteps:\n  - when: { condition: \"critic.accepted > 2\", steps: [ {generator: {}} ] }\n",
                        "p.yaml:3:41: in the condition \"critic.accepted > 2\": '>' between a number and true/false"),
                Arguments.of(
                        "condition unfinished",
                        "name: x\nsteps:\n  - when: { condition: \"evidence.count >\", steps: [ {generator: {}} ] }\n",
                        "in the condition \"evidence.count >\": expected a value at the end"),
                Arguments.of(
                        "duplicate key",
                        "name: x\nname: y\nsteps:\n  - generator: {}\n",
                        "p.yaml:2:1: expected each key once, but 'name' appears again"),
                Arguments.of(
                        "model not text",
                        "name: x\nmodel: [a, b]\nsteps:\n  - generator: {}\n",
                        "p.yaml:2:8: expected a model: 'default' for the run's model, or a model reference"),
                Arguments.of(
                        "empty model",
                        "name: x\nmodel: \"  \"\nsteps:\n  - generator: {}\n",
                        "p.yaml:2:8: expected a model"),
                Arguments.of(
                        "model left empty",
                        "name: x\nmodel:\nsteps:\n  - generator: {}\n",
                        "p.yaml:2:7: expected a model"),
                Arguments.of(
                        "steps nested too deep",
                        "name: x\nsteps:\n" + nested(PipelineParser.MAX_DEPTH + 1),
                        "expected steps nested at most 8 deep; these are nested 9 deep"),
                Arguments.of(
                        "run's adapter not text",
                        "name: x\nadapter: [a, b]\nsteps:\n  - generator: {}\n",
                        "p.yaml:2:10: expected an adapter's name as registered"),
                Arguments.of(
                        "step's adapter with a bad name",
                        "name: x\nsteps:\n  - generator: {}\n    adapter: \"legal/../x\"\n",
                        "p.yaml:4:14: expected an adapter name (letters, digits"),
                Arguments.of(
                        "auto as an adapter",
                        "name: x\nadapter: auto\nsteps:\n  - generator: {}\n",
                        "p.yaml:2:10: 'auto' is not an adapter; to let the router choose, put an adapter-router step"),
                Arguments.of(
                        "a step that is only an adapter",
                        "name: x\nsteps:\n  - adapter: legal\n",
                        "p.yaml:3:5: expected one module or control form per step, found 0 keys besides its adapter"),
                Arguments.of(
                        "duplicate setting",
                        "name: x\nsteps:\n  - planner: { maxSteps: 2, maxSteps: 3 }\n",
                        "p.yaml:3:29: expected each setting once, but 'maxSteps' appears again"));
    }

    /** A pipeline whose generator sits inside {@code levels} nested repeats. */
    private static String nested(int levels) {
        StringBuilder y = new StringBuilder();
        String indent = "  ";
        for (int i = 0; i < levels; i++) {
            y.append(indent).append("- repeat:\n").append(indent).append("    steps:\n");
            indent += "      ";
        }
        return y.append(indent).append("- generator: {}\n").toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void brokenFilesAreRejectedWithPositionAndWhatWasExpected(String what, String yaml, String message) {
        assertThatThrownBy(() -> PARSER.parse("p.yaml", yaml))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aGoodFileGivesItsStepsWithPositions() {
        Pipeline p = PARSER.parse("good.yaml", """
            name: plan-critique
            description: plan, then draft and critique
            steps:
              - planner: { maxSteps: 3 }
              - repeat:
                  max: 2
                  until: critic.accepted and drafts.count >= 1
                  steps:
                    - generator: {}
                    - critic: { rubric: "be exact" }
              - fanout: { n: 3, select: critic, steps: [ { generator: { maxTokens: 20 } } ] }
              - when: { condition: not answer.present, steps: [ { selector: {} } ] }
            """);

        assertThat(p.name()).isEqualTo("plan-critique");
        assertThat(p.steps()).hasSize(4);
        assertThat(p.steps().get(0)).isInstanceOf(Step.Apply.class);
        assertThat(p.steps().get(0).at().toString()).isEqualTo("good.yaml:4:5");
        Step.Repeat r = (Step.Repeat) p.steps().get(1);
        assertThat(r.max()).isEqualTo(2);
        assertThat(r.steps()).hasSize(2);
        assertThat(((Step.Apply) r.steps().get(1)).module().config()).containsEntry("rubric", "be exact");
        Step.Fanout f = (Step.Fanout) p.steps().get(2);
        assertThat(f.n()).isEqualTo(3);
        assertThat(f.select().config()).containsEntry("by", "critic");
        assertThat(p.steps().get(3)).isInstanceOf(Step.When.class);
    }

    @Test
    void adaptersNamedForTheRunAndForStepsAreKeptWithWhereTheyAreWritten() {
        Pipeline p = PARSER.parse("a.yaml", """
            name: adapted
            adapter: legal
            steps:
              - generator: {}
              - critic: {}
                adapter: base
              - repeat:
                  max: 2
                  steps:
                    - generator: {}
                    - critic: {}
                      adapter: medical
                adapter: tax
            """);

        assertThat(p.adapter()).hasValueSatisfying(a -> {
            assertThat(a.name()).isEqualTo("legal");
            assertThat(a.at().toString()).isEqualTo("a.yaml:2:10");
        });
        assertThat(((Step.Apply) p.steps().get(0)).adapter()).isEmpty();
        assertThat(((Step.Apply) p.steps().get(1)).adapter())
                .hasValueSatisfying(a -> assertThat(a.base()).isTrue());
        Step.Repeat r = (Step.Repeat) p.steps().get(2);
        assertThat(((Step.Apply) r.steps().get(0)).adapter().orElseThrow().name())
                .as("the repeat's adapter, pushed down")
                .isEqualTo("tax");
        assertThat(((Step.Apply) r.steps().get(1)).adapter().orElseThrow().name())
                .as("a step's own adapter wins over its repeat's")
                .isEqualTo("medical");
        assertThat(p.adapterChoices().stream().map(c -> c.name() + "@" + c.at()))
                .containsExactly("legal@a.yaml:2:10", "base@a.yaml:6:14", "tax@a.yaml:13:14", "medical@a.yaml:12:20");
        assertThat(PARSER.parse("b.yaml", "name: b\nadapter: base\nsteps:\n  - generator: {}\n")
                        .adapter())
                .as("base for the run: kept, so that a router leaves the run on the base model")
                .hasValueSatisfying(a -> assertThat(a.base()).isTrue());
    }

    @Test
    void aPipelineMayNameTheModelItRunsOn() {
        String steps = "steps:\n  - generator: {}\n";

        assertThat(PARSER.parse("a.yaml", "name: a\nmodel: default\n" + steps).model())
                .as("the run's model")
                .isEmpty();
        assertThat(PARSER.parse("b.yaml", "name: b\nmodel: meta-llama/Llama-3.2-1B-Instruct\n" + steps)
                        .model())
                .contains("meta-llama/Llama-3.2-1B-Instruct");
        assertThat(PARSER.parse("c.yaml", "name: c\nmodel: \" /models/tiny \"\n" + steps)
                        .model())
                .contains("/models/tiny");
        assertThat(PARSER.parse("d.yaml", "name: d\n" + steps).model()).isEmpty();
    }

    @Test
    void everyProblemOfAFileIsReportedInOrderNotOnlyTheFirst() {
        String yaml = """
            name: x
            colour: blue
            steps:
              - genrator: {}
              - planner: { maxSteps: 40 }
              - repeat:
                  max: 500
                  until: critic.acepted
                  steps:
                    - critic: { scope: some }
                    - generator: {}
              - when: { condition: "drafts.count >", steps: [ { selector: { by: vote } } ] }
              - fanout: { n: 1, select: best, steps: [ {generator: {}} ] }
              - generator: {}
            """;

        assertThatThrownBy(() -> PARSER.parse("p.yaml", yaml))
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> {
                    assertThat(e.problems()).hasSize(10);
                    assertThat(e.problems())
                            .extracting(m -> m.substring(0, m.indexOf(": ")))
                            .containsExactly(
                                    "p.yaml:2:1",
                                    "p.yaml:4:5",
                                    "p.yaml:5:5",
                                    "p.yaml:7:12",
                                    "p.yaml:8:14",
                                    "p.yaml:10:11",
                                    "p.yaml:12:39",
                                    "p.yaml:12:53",
                                    "p.yaml:13:18",
                                    "p.yaml:13:29");
                    assertThat(e.getMessage())
                            .startsWith(
                                    "p.yaml:2:1: expected one of adapter, description, model, name, steps, not 'colour'.\n"
                                            + "p.yaml:4:5: expected a module or control form, not 'genrator'");
                    assertThat(e.getMessage().lines()).hasSize(10);
                });
    }

    @Test
    void aMissingFileIsSaidNotToExist(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> PARSER.parse(missing))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("The pipeline file " + missing + " does not exist.");
        assertThatThrownBy(() -> PARSER.parse(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("The pipeline file " + dir + " is not a file.");
    }

    @Test
    void aFileThatIsNotUtf8IsSaidToBeSoWithTheLine(@TempDir Path dir) throws Exception {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(
                latin1,
                "name: x\ndescription: caf\u00e9\nsteps:\n  - generator: {}\n".getBytes(StandardCharsets.ISO_8859_1));
        Path withBom = dir.resolve("bom.yaml");
        Files.writeString(withBom, "\uFEFFname: x\nsteps:\n  - generator: {}\n");

        assertThatThrownBy(() -> PARSER.parse(latin1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("The pipeline file " + latin1 + " is not UTF-8 text: line 2 holds bytes that are not UTF-8"
                        + " (save the file as UTF-8).");
        assertThat(PARSER.parse(withBom).name()).isEqualTo("x");
    }

    @Test
    void aHugeFileIsRefusedBeforeParsing() {
        String big =
                "name: x\ndescription: " + "a".repeat(PipelineParser.MAX_BYTES + 10) + "\nsteps:\n  - generator: {}\n";
        assertThatThrownBy(() -> PARSER.parse("big.yaml", big)).isInstanceOf(InvalidInputException.class);
    }
}
