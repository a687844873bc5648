package dev.noesis.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.trace.ModelCall;
import dev.noesis.core.trace.Note;
import dev.noesis.core.trace.Span;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.lora.LoraVariants;
import dev.noesis.jlama.testing.PeftAdapters;
import dev.noesis.lora.AdapterRegistry;
import dev.noesis.orchestrator.Orchestrator;
import dev.noesis.orchestrator.Pipeline;
import dev.noesis.orchestrator.RunRequest;
import dev.noesis.orchestrator.RunResult;
import dev.noesis.orchestrator.pipeline.PipelineParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipelines that choose a LoRA adapter, run through the real parts: the tiny in-process model,
 * two seeded random PEFT adapters merged into it, the registry, the {@code adapter-router} module
 * with the bundled sentence embedder, and the orchestrator asking {@link ModelWithAdapters} for
 * each step's model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdapterPipelinesOnJlamaTest {

    private static final String LEGAL_Q = "Can my landlord keep my rental deposit after I move out of the flat?";
    private static final GenerationParams PARAMS = GenerationParams.DEFAULTS.withMaxNewTokens(8);

    private Path home;

    private Wiring wiring;
    private Composition composition;
    private ModelWithAdapters models;
    private Path modelDir;

    /** Adapters strong enough (alpha/r = 16, on q, v and o) that the tiny model's greedy answer changes, not only its logits. */
    @BeforeAll
    void registerTwoAdapters(@TempDir Path dir) {
        home = dir;
        Properties system = new Properties();
        system.setProperty("user.home", home.toString());
        wiring =
                new Wiring(NoesisConfig.load(Map.of("NOESIS_HOME", home.toString()), system, Map.of()), Notices.SILENT);
        modelDir = wiring.models().demoModel(false);
        AdapterRegistry registry = wiring.adapters().registry();
        registry.add(
                PeftAdapters.write(
                        modelDir,
                        home.resolve("src/legal"),
                        PeftAdapters.Spec.of(8, 128, 1, "q_proj", "v_proj", "o_proj")),
                AdapterRegistry.AddRequest.copyOf()
                        .named("legal")
                        .describedAs(
                                "Tenancy law, contracts and courts",
                                List.of(
                                        "Can my landlord evict me without notice?",
                                        "Is a verbal contract binding in court?",
                                        "How much deposit may a landlord ask for?")));
        registry.add(
                PeftAdapters.write(
                        modelDir,
                        home.resolve("src/cooking"),
                        PeftAdapters.Spec.of(8, 128, 2, "q_proj", "v_proj", "o_proj")),
                AdapterRegistry.AddRequest.copyOf()
                        .named("cooking")
                        .describedAs(
                                "Recipes and kitchen technique",
                                List.of("How long do I boil an egg?", "What can I use instead of butter in a cake?")));
        composition = wiring.composition();
        models = wiring.adapters().models(Optional.of(modelDir.toString()));
    }

    @AfterAll
    void close() {
        if (models != null) {
            models.close();
        }
        if (composition != null) {
            composition.close();
        }
    }

    private Pipeline pipeline(String yaml) {
        return new PipelineParser(composition.registry()).parse("routed.yaml", yaml);
    }

    private RunResult run(Pipeline p, String question) {
        RunResult r = Orchestrator.over(models).run(p, RunRequest.of(question).withParams(PARAMS));
        assertThat(r.failure()).isNull();
        return r;
    }

    private static Span span(RunResult r, String module) {
        return r.trace().spans().stream()
                .filter(s -> s.module().equals(module))
                .findFirst()
                .orElseThrow();
    }

    private static ModelCall onlyCall(RunResult r, String module) {
        List<ModelCall> calls = span(r, module).calls();
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }

    @Test
    void theRoutersAdapterAnswersAndTheTraceNamesItsScoreAndRunnerUp() {
        Pipeline p = pipeline("""
            name: routed
            steps:
              - adapter-router: { strategy: embedding, threshold: 0.3, fallback: base }
              - generator: {}
            """);

        RunResult r = run(p, LEGAL_Q);

        assertThat(r.state().adapter()).isEqualTo("legal");
        List<Note> routing = span(r, "adapter-router").notes();
        assertThat(routing).singleElement().satisfies(n -> {
            assertThat(n.what()).isEqualTo("adapter: legal");
            assertThat(n.why()).startsWith("embedding: legal (").contains(", runner-up cooking (");
        });
        assertThat(span(r, "generator").notes()).extracting(Note::what).contains("model calls on adapter legal");

        // The generator's call, asked again of an independently built variant and of the base.
        ModelCall call = onlyCall(r, "generator");
        JlamaLanguageModel base = JlamaLanguageModel.open(modelDir);
        try (base;
                JlamaLanguageModel legal = LoraVariants.open(
                        base, wiring.adapters().registry().show("legal").folder(), "legal", false)) {
            float[] variantLogits = legal.nextTokenLogits(call.prompt());
            float[] baseLogits = base.nextTokenLogits(call.prompt());
            assertThat(maxDifference(variantLogits, baseLogits))
                    .as("the adapter changes the model")
                    .isGreaterThan(1e-3);
            assertThat(legal.generate(call.prompt(), PARAMS).text()).isEqualTo(call.output());
            assertThat(r.answer()).isEqualTo(call.output());
            String baseAnswer = base.generate(call.prompt(), PARAMS).text();
            assertThat(baseAnswer).as("the base model's answer differs").isNotEqualTo(call.output());
        }
    }

    @Test
    void underTheThresholdTheBaseAnswersAndNoVariantIsUsed() {
        Pipeline p = pipeline("""
            name: strict
            steps:
              - adapter-router: { strategy: embedding, threshold: 0.99, fallback: base }
              - generator: {}
            """);

        RunResult r = run(p, LEGAL_Q);

        assertThat(r.state().adapter()).isNull();
        assertThat(span(r, "adapter-router").notes().get(0).what()).isEqualTo("adapter: base model");
        assertThat(span(r, "generator").notes()).extracting(Note::what).doesNotContain("model calls on adapter legal");
        ModelCall call = onlyCall(r, "generator");
        try (JlamaLanguageModel base = JlamaLanguageModel.open(modelDir)) {
            assertThat(base.generate(call.prompt(), PARAMS).text()).isEqualTo(call.output());
        }
    }

    @Test
    void theRunsAdapterAndAStepsOwnAreHonouredAndTheRouterKeepsTheRunsChoice() {
        Pipeline p = pipeline("""
            name: mixed
            adapter: cooking
            steps:
              - adapter-router: { strategy: embedding }
              - generator: {}
              - generator: {}
                adapter: base
            """);

        RunResult r = run(p, LEGAL_Q);

        assertThat(r.state().adapter()).isEqualTo("cooking");
        assertThat(span(r, "adapter-router").notes().get(0).why()).contains("named by the request");
        List<Span> generators = r.trace().spans().stream()
                .filter(s -> s.module().equals("generator"))
                .toList();
        assertThat(generators.get(0).notes()).extracting(Note::what).contains("model calls on adapter cooking");
        assertThat(generators.get(1).notes()).extracting(Note::what).doesNotContain("model calls on adapter cooking");
        ModelCall onBase = generators.get(1).calls().get(0);
        ModelCall onCooking = generators.get(0).calls().get(0);
        try (JlamaLanguageModel base = JlamaLanguageModel.open(modelDir)) {
            assertThat(base.generate(onBase.prompt(), PARAMS).text()).isEqualTo(onBase.output());
            assertThat(base.generate(onCooking.prompt(), PARAMS).text()).isNotEqualTo(onCooking.output());
        }
    }

    @Test
    void adapterNamesAreCheckedWhenThePipelineIsReadOrRunWithFileAndLine() {
        assertThatThrownBy(() -> pipeline("""
                name: bad
                steps:
                  - adapter-router: { strategy: embeding }
                  - adapter-router: { threshold: 2 }
                  - adapter-router: { strategy: keyword, fallback: legl }
                  - generator: {}
                """))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("routed.yaml:3:5: Unknown adapter routing strategy \"embeding\"")
                .hasMessageContaining(
                        "routed.yaml:4:5: adapter-router threshold must be a cosine similarity in [-1, 1]")
                .hasMessageContaining("routed.yaml:5:5: adapter-router fallback \"legl\" is not a registered adapter;"
                        + " registered: cooking, legal");
        Pipeline typo = pipeline("""
            name: typo
            steps:
              - generator: {}
                adapter: legl
            """);

        assertThatThrownBy(() -> Orchestrator.over(models).run(typo, RunRequest.of(LEGAL_Q)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("routed.yaml:4:14: No adapter named \"legl\" is registered")
                .hasMessageContaining("cooking, legal")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aVariantIsMergedOnceAndKeptForLaterRuns() {
        Pipeline p = pipeline("name: fixed\nadapter: legal\nsteps:\n  - generator: {}\n");

        RunResult first = run(p, "one");
        int open = models.openVariants();
        long start = System.nanoTime();
        RunResult second = run(p, "two");
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(models.openVariants()).isEqualTo(open);
        assertThat(models.withAdapter("legal")).isSameAs(models.withAdapter("legal"));
        assertThat(first.state().adapter()).isEqualTo(second.state().adapter()).isEqualTo("legal");
        assertThat(ms).as("a run on a loaded variant merges nothing").isLessThan(10_000);
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
