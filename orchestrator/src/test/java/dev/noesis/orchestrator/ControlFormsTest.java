package dev.noesis.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.model.Completion;
import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.TokenListener;
import dev.noesis.core.trace.ModelCall;
import dev.noesis.core.trace.Span;
import dev.noesis.testing.ScriptedLanguageModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** repeat, fanout and when, with a model whose replies depend on the seed. */
class ControlFormsTest {

    /** Answers "391" for most seeds and "381" for seeds divisible by 3; critiques accept only "391". */
    static final class SeededModel implements LanguageModel {
        final List<GenerationParams> calls = new ArrayList<>();

        @Override
        public String name() {
            return "seeded";
        }

        @Override
        public Completion generate(Prompt prompt, GenerationParams params, TokenListener listener) {
            calls.add(params);
            String user = prompt.messages().get(prompt.messages().size() - 1).content();
            String text;
            if (user.contains("JSON Schema")) {
                boolean good = user.contains("candidate answer to the question:\n391");
                text = "{\"verdict\":\"" + (good ? "accept" : "revise") + "\",\"score\":" + (good ? 5 : 1)
                        + ",\"issues\":[]}";
            } else {
                text = params.seed() % 3 == 0 ? "381" : "391";
            }
            listener.onText(text);
            return new Completion(text, 10, 1, 0, 1, 1, FinishReason.END_OF_SEQUENCE);
        }
    }

    private final SeededModel model = new SeededModel();

    private RunResult run(String yaml, long seed) {
        Pipeline p = TestPipelines.CATALOG.parser().parse("test.yaml", yaml);
        return new Orchestrator(model)
                .run(p, RunRequest.of("What is 17 * 23?").withParams(GenerationParams.DEFAULTS.withSeed(seed)));
    }

    @Test
    void repeatRunsUntilItsConditionHolds() {
        RunResult r = run("""
            name: t
            steps:
              - repeat:
                  max: 5
                  until: drafts.count >= 2
                  steps:
                    - generator: {}
            """, 1);

        assertThat(r.state().drafts()).hasSize(2);
        Span control = r.trace().spans().get(r.trace().spans().size() - 1);
        assertThat(control.module()).isEqualTo("repeat");
        assertThat(control.notes().get(0).what()).isEqualTo("stopped after round 2");
        assertThat(r.trace().spans().get(1).where()).isEqualTo("steps[0] > repeat 2/5 > steps[0]");
    }

    @Test
    void fanoutSamplesEachBranchWithItsOwnSeedAndTheMajorityWins() {
        RunResult r = run("""
            name: t
            steps:
              - fanout: { n: 5, temperature: 0.8, select: majority, steps: [ { generator: {} } ] }
            """, 0);

        assertThat(model.calls).extracting(GenerationParams::seed).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(model.calls).allSatisfy(p -> assertThat(p.temperature()).isEqualTo(0.8));
        assertThat(r.state().drafts()).extracting(d -> d.text()).containsExactly("391", "391", "381", "391", "391");
        assertThat(r.answer()).isEqualTo("391");
        Span select = r.trace().spans().get(r.trace().spans().size() - 1);
        assertThat(select.module()).isEqualTo("selector");
        assertThat(select.notes().get(0).why()).isEqualTo("4 of 5 drafts agree on \"391\"");
        assertThat(r.trace().spans())
                .anySatisfy(s -> assertThat(s.where()).isEqualTo("steps[0] > fanout 3/5 > steps[0]"));
    }

    @Test
    void critiquesFromBranchesStayWithTheirDrafts() {
        RunResult r = run("""
            name: t
            steps:
              - generator: {}
              - fanout:
                  n: 3
                  select: critic
                  steps:
                    - generator: {}
                    - critic: {}
            """, 2);

        // Draft 0 from the first step; drafts 1..3 from the branches, each judged in its branch.
        assertThat(r.state().critiques()).extracting(c -> c.draft()).containsExactly(1, 2, 3);
        for (var c : r.state().critiques()) {
            boolean good = r.state().drafts().get(c.draft()).text().equals("391");
            assertThat(c.verdict().name()).isEqualTo(good ? "ACCEPT" : "REVISE");
        }
        assertThat(r.answer()).isEqualTo("391");
    }

    @Test
    void whenSkipsItsStepsWhenTheConditionIsFalse() {
        RunResult r = run("""
            name: t
            steps:
              - when: { condition: evidence.count > 0, steps: [ { generator: {} } ] }
              - when: { condition: not answer.present, steps: [ { generator: {} } ] }
            """, 1);

        assertThat(r.state().drafts()).hasSize(1);
        assertThat(r.trace().spans()).extracting(Span::module).containsExactly("when", "when", "generator");
        assertThat(r.trace().spans().get(0).notes().get(0).what()).isEqualTo("skipped its steps");
        assertThat(r.trace().spans().get(2).where()).isEqualTo("steps[1] > when > steps[0]");
    }

    @Test
    void laterDraftsStreamSetApartFromEarlierOnes() {
        List<String> streamed = new ArrayList<>();
        Pipeline p = TestPipelines.CATALOG
                .parser()
                .parse("t.yaml", "name: t\nsteps:\n  - generator: {}\n  - generator: {}\n");

        new Orchestrator(model).run(p, RunRequest.of("q").withAnswerListener(streamed::add));

        assertThat(String.join("", streamed)).isEqualTo("381\n\n381"); // seed 42 is divisible by 3
    }

    @Test
    void spansAndCallsSayWhenTheyBeganAfterTheRunBegan() {
        // The project's scripted double, slowed: each call takes at least 20 ms.
        LanguageModel slow = new ScriptedLanguageModel(prompt -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "391";
        });
        Pipeline p = TestPipelines.CATALOG.parser().parse("test.yaml", """
            name: t
            steps:
              - repeat: { max: 3, steps: [ { generator: {} } ] }
            """);
        List<Span> spans =
                new Orchestrator(slow).run(p, RunRequest.of("q")).trace().spans();

        List<Span> rounds =
                spans.stream().filter(s -> s.module().equals("generator")).toList();
        assertThat(rounds).hasSize(3);
        for (int i = 0; i < rounds.size(); i++) {
            Span round = rounds.get(i);
            ModelCall call = round.calls().getFirst();
            assertThat(call.startMs()).isBetween(round.startMs(), round.startMs() + round.durationMs());
            if (i > 0) {
                // Each round began after the one before had slept through its call.
                assertThat(round.startMs())
                        .isGreaterThanOrEqualTo(rounds.get(i - 1).startMs() + 20);
            }
        }
        Span repeat = spans.getLast();
        assertThat(repeat.module()).isEqualTo("repeat");
        assertThat(repeat.startMs()).isLessThanOrEqualTo(rounds.getFirst().startMs());
        Span last = rounds.getLast();
        assertThat(repeat.startMs() + repeat.durationMs()).isGreaterThanOrEqualTo(last.startMs() + last.durationMs());
    }
}
