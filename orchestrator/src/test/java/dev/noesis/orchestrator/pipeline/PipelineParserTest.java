package dev.noesis.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.modules.DefaultModuleEnvironment;
import dev.noesis.orchestrator.Pipeline;
import dev.noesis.orchestrator.Step;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PipelineParserTest {

    private static final PipelineParser PARSER = new PipelineParser(ModuleRegistry.load(DefaultModuleEnvironment.shipped()));

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of("empty file", "", "p.yaml: the file is empty"),
                Arguments.of("not YAML", "name: x\nsteps: [ {generator: {} \n", "p.yaml:3:1: this is not valid YAML"),
                Arguments.of("top level is a list", "- generator: {}\n", "p.yaml:1:1: expected a mapping with name, description and steps"),
                Arguments.of("no name", "steps:\n  - generator: {}\n", "p.yaml:1:1: expected a 'name' here"),
                Arguments.of("unknown top-level key", "name: x\nstep:\n  - generator: {}\n",
                        "p.yaml:2:1: expected one of description, name, steps, not 'step'"),
                Arguments.of("no steps", "name: x\nsteps: []\n", "p.yaml:2:8: expected a list of steps"),
                Arguments.of("unknown module", "name: x\nsteps:\n  - genrator: {}\n",
                        "p.yaml:3:5: expected a module or control form, not 'genrator'. Modules: critic, generator, memory-write, planner, reasoning-injector, retriever, selector, validator"),
                Arguments.of("two modules in one step", "name: x\nsteps:\n  - generator: {}\n    critic: {}\n",
                        "p.yaml:3:5: expected one module or control form per step, found 2 keys"),
                Arguments.of("unknown setting", "name: x\nsteps:\n  - planner: { maxSteps: 3, depth: 2 }\n",
                        "p.yaml:3:29: 'depth' is not a setting of planner; its settings are: maxSteps, maxTokens"),
                Arguments.of("setting of the wrong kind", "name: x\nsteps:\n  - planner:\n      maxSteps: many\n",
                        "p.yaml:4:7: the setting 'maxSteps' of planner must be a whole number"),
                Arguments.of("setting out of range", "name: x\nsteps:\n  - planner: { maxSteps: 40 }\n",
                        "p.yaml:3:5: planner maxSteps must be between 1 and 10, got 40."),
                Arguments.of("settings not a mapping", "name: x\nsteps:\n  - critic: strict\n",
                        "p.yaml:3:13: expected the settings of critic as a mapping"),
                Arguments.of("repeat without steps", "name: x\nsteps:\n  - repeat: { max: 2 }\n", "p.yaml:3:13: expected a 'steps' here"),
                Arguments.of("repeat max out of range", "name: x\nsteps:\n  - repeat: { max: 500, steps: [ {generator: {}} ] }\n",
                        "p.yaml:3:20: expected a whole number from 1 to 100"),
                Arguments.of("fanout select unknown", "name: x\nsteps:\n  - fanout: { n: 3, select: best, steps: [ {generator: {}} ] }\n",
                        "p.yaml:3:29: expected majority, critic, validator or none, not 'best'"),
                Arguments.of("fanout n too small", "name: x\nsteps:\n  - fanout: { n: 1, steps: [ {generator: {}} ] }\n",
                        "p.yaml:3:18: expected a whole number from 2 to 32"),
                Arguments.of("condition with an unknown name", "name: x\nsteps:\n  - repeat:\n      until: critic.acepted\n      steps:\n        - generator: {}\n",
                        "p.yaml:4:14: in the condition \"critic.acepted\": the unknown name 'critic.acepted'"),
                Arguments.of("condition that is a number", "name: x\nsteps:\n  - when: { condition: drafts.count, steps: [ {generator: {}} ] }\n",
                        "p.yaml:3:24: in the condition \"drafts.count\": 'drafts.count' is a number"),
                Arguments.of("condition comparing kinds", "name: x\nsteps:\n  - when: { condition: \"critic.accepted > 2\", steps: [ {generator: {}} ] }\n",
                        "p.yaml:3:41: in the condition \"critic.accepted > 2\": '>' between a number and true/false"),
                Arguments.of("condition unfinished", "name: x\nsteps:\n  - when: { condition: \"evidence.count >\", steps: [ {generator: {}} ] }\n",
                        "in the condition \"evidence.count >\": expected a value at the end"),
                Arguments.of("duplicate key", "name: x\nname: y\nsteps:\n  - generator: {}\n",
                        "p.yaml:2:1: expected each key once, but 'name' appears again"),
                Arguments.of("duplicate setting", "name: x\nsteps:\n  - planner: { maxSteps: 2, maxSteps: 3 }\n",
                        "p.yaml:3:29: expected each setting once, but 'maxSteps' appears again"));
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
    void aHugeFileIsRefusedBeforeParsing() {
        String big = "name: x\ndescription: " + "a".repeat(PipelineParser.MAX_BYTES + 10) + "\nsteps:\n  - generator: {}\n";
        assertThatThrownBy(() -> PARSER.parse("big.yaml", big)).isInstanceOf(InvalidInputException.class);
    }
}
