package dev.noesis.experiments.run.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.model.GenerationOverrides;
import dev.noesis.experiments.log.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentParserTest {

    private final ExperimentParser parser = new ExperimentParser();

    @TempDir
    Path work;

    @Test
    void aFullExperimentFileIsRead() throws Exception {
        Path file = work.resolve("experiment.yaml");
        Files.writeString(file, """
                name: sweep
                suites: [gsm8k, hotpotqa]
                pipelines: [raw, self-consistency]
                models: [models/bf16, models/q4]
                generation:
                  - { max_tokens: 128, temperature: 0 }
                  - { max_tokens: 128, temperature: 0.7, top_p: 0.9, stop: ["\\n\\n"] }
                seeds: [1, 2, 3]
                limit: 200
                sample_seed: 7
                baseline: raw
                parallel: 4
                """);
        ExperimentSpec spec = parser.parse(file);
        assertThat(spec.name()).isEqualTo("sweep");
        assertThat(spec.suites()).containsExactly("gsm8k", "hotpotqa");
        assertThat(spec.models()).containsExactly("models/bf16", "models/q4");
        assertThat(spec.params())
                .containsExactly(new ParamSet(128, 0.0, 1.0, List.of()), new ParamSet(128, 0.7, 0.9, List.of("\n\n")));
        assertThat(spec.seeds()).containsExactly(1L, 2L, 3L);
        assertThat(spec.selection()).isEqualTo(new ItemSelection(200, 7L));
        assertThat(spec.parallel()).isEqualTo(4);
        assertThat(ExperimentSpec.fromConfig(spec.config()).config()).isEqualTo(spec.config());
    }

    @Test
    void aFileAndTheSameFlagsMakeTheSameConfig() {
        ExperimentSpec fromFile = parser.parse("e.yaml", """
                suites: gsm8k
                pipelines: [self-consistency]
                models: models/tiny
                generation: { max_tokens: 256, temperature: 0.70 }
                seeds: 42
                limit: 20
                """);
        ExperimentSpec fromFlags = ExperimentSpec.builder()
                .suites(List.of("gsm8k"))
                .pipelines(List.of("raw", "self-consistency"))
                .models(List.of("models/tiny"))
                .generation(GenerationOverrides.NONE.withTemperature(0.7))
                .limit(20)
                .build();
        assertThat(fromFile.pipelines()).as("the baseline is put first").containsExactly("raw", "self-consistency");
        assertThat(CanonicalJson.hash(fromFile.config())).isEqualTo(CanonicalJson.hash(fromFlags.config()));
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        assertThatThrownBy(() -> parser.parse("bad.yaml", """
                        suites: [gsm8k, gsm8k]
                        pipelines: []
                        models: [m]
                        generation: { temperature: hot, top_k: 5 }
                        seeds: [1, 1]
                        parallel: 0
                        colour: blue
                        """))
                .isInstanceOfSatisfying(
                        InvalidExperimentException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "bad.yaml:1:17: expected each suite once, but 'gsm8k' appears again.",
                                        "bad.yaml:2:12: expected at least one pipeline.",
                                        "bad.yaml:4:28: expected a number from 0.0 to 10.0, not 'hot'.",
                                        "bad.yaml:4:33: expected one of max_tokens, stop, temperature, top_p, not 'top_k'.",
                                        "bad.yaml:5:12: expected each seed once, but 1 appears again.",
                                        "bad.yaml:6:11: expected a whole number from 1 to 256, not '0'.",
                                        "bad.yaml:7:1: expected one of adapters, baseline, description, generation, limit, models, name,"
                                                + " parallel, pipelines, sample_seed, seeds, structured, suites, not 'colour'."));
    }

    @Test
    void structuredAnswersAreAFileKeyAndAFlagAndPartOfTheConfig() {
        String plain = """
                suites: gsm8k
                pipelines: [raw]
                models: m
                """;
        ExperimentSpec off = parser.parse("e.yaml", plain);
        ExperimentSpec on = parser.parse("e.yaml", plain + "structured: true\n");
        ExperimentSpec flags = ExperimentSpec.builder()
                .suites(List.of("gsm8k"))
                .pipelines(List.of("raw"))
                .models(List.of("m"))
                .structured(true)
                .build();

        assertThat(off.structured()).isFalse();
        assertThat(on.structured()).isTrue();
        assertThat(on.config().path("structured").asBoolean()).isTrue();
        assertThat(off.config().has("structured"))
                .as("a plain run's config is what it always was")
                .isFalse();
        assertThat(CanonicalJson.hash(on.config())).isNotEqualTo(CanonicalJson.hash(off.config()));
        assertThat(CanonicalJson.hash(on.config())).isEqualTo(CanonicalJson.hash(flags.config()));
        assertThat(ExperimentSpec.fromConfig(on.config()).structured()).isTrue();
        assertThat(parser.parse("e.yaml", plain + "structured: no\n").structured())
                .isFalse();
        assertThatThrownBy(() -> parser.parse("e.yaml", plain + "structured: always\n"))
                .hasMessageContaining("e.yaml:4:13: expected true or false, not 'always'");
    }

    @Test
    void missingPartsAndBrokenYamlAreNamed() {
        assertThatThrownBy(() -> parser.parse("e.yaml", "suites: [gsm8k]\n"))
                .hasMessageContaining("e.yaml:1:1: expected a 'pipelines' here.")
                .hasMessageContaining("e.yaml:1:1: expected a 'models' here.");
        assertThatThrownBy(() -> parser.parse("e.yaml", "suites: [gsm8k\n"))
                .hasMessageStartingWith("e.yaml:2:1: this is not valid YAML");
        assertThatThrownBy(() -> parser.parse("e.yaml", "")).hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> parser.parse("e.yaml", "suites: [a]\npipelines: [raw]\nmodels: [m]\nsample_seed: 3\n"))
                .hasMessageContaining("e.yaml:4:1: expected a limit beside sample_seed");
        String stops = String.join(", ", java.util.Collections.nCopies(17, "\"x\""));
        assertThatThrownBy(() -> parser.parse(
                        "e.yaml",
                        "suites: [a]\npipelines: [raw]\nmodels: [m]\ngeneration: { stop: [" + stops + "] }\n"))
                .hasMessageContaining("e.yaml:4:13: at most 16 stop sequences are allowed, got 17.");
        assertThatThrownBy(() -> parser.parse(work.resolve("none.yaml"))).hasMessageContaining("does not exist");
    }

    @Test
    void aSampleIsFixedByItsSeedAndKeepsTheSuitesOrder() {
        List<Integer> items = java.util.stream.IntStream.range(0, 100).boxed().toList();
        List<Integer> a = new ItemSelection(10, 7L).select(items);
        assertThat(a).hasSize(10).isSorted().doesNotHaveDuplicates().isEqualTo(new ItemSelection(10, 7L).select(items));
        assertThat(new ItemSelection(10, 8L).select(items)).isNotEqualTo(a);
        assertThat(new ItemSelection(10, null).select(items)).isEqualTo(items.subList(0, 10));
        assertThat(ItemSelection.ALL.select(items)).isEqualTo(items);
    }

    @Test
    void anAdapterAxisIsAFileKeyWithTheBaseFirstAndPartOfTheConfig() {
        String plain = """
                suites: gsm8k
                pipelines: [raw]
                models: m
                """;
        ExperimentSpec on = parser.parse("e.yaml", plain + "adapters: [math, router, oracle]\n");
        assertThat(on.adapters()).containsExactly("base", "math", "router", "oracle");
        assertThat(on.namedAdapters()).containsExactly("math");
        assertThat(parser.parse("e.yaml", plain).config().has("adapters")).isFalse();
        assertThat(ExperimentSpec.fromConfig(on.config()).adapters()).isEqualTo(on.adapters());
        assertThat(CanonicalJson.hash(on.config()))
                .isNotEqualTo(CanonicalJson.hash(
                        parser.parse("e.yaml", plain + "adapters: [code]\n").config()));
        assertThatThrownBy(() -> parser.parse("e.yaml", plain + "adapters: [math, math]\n"))
                .hasMessageContaining("e.yaml:4:18: expected each adapter once, but 'math' appears again");
    }
}
