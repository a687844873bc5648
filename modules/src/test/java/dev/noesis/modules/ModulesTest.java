package dev.noesis.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.thought.Critique;
import dev.noesis.core.thought.Draft;
import dev.noesis.core.thought.Evidence;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.core.thought.Validation;
import dev.noesis.core.thought.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each module's logic with a deterministic test double of the model. */
class ModulesTest {

    private static final DefaultModuleEnvironment ENV = DefaultModuleEnvironment.shipped();
    private static final ThoughtState QUESTION = ThoughtState.of("What is 17 * 23?");

    @Test
    void theRawGeneratorSendsTheBareQuestion() {
        FakeModel model = new FakeModel(p -> "391");
        FakeModel.Context ctx = model.context();

        ThoughtState out = new Generator(new Generator.Config("none", "none", null), ENV)
                .apply(QUESTION.withHistory(List.of(Message.user("hi"), Message.assistant("hello"))), ctx);

        Prompt sent = model.prompts.get(0);
        assertThat(sent.system()).isEmpty();
        assertThat(sent.messages()).extracting(Message::content).containsExactly("hi", "hello", "What is 17 * 23?");
        assertThat(out.drafts())
                .singleElement()
                .satisfies(d -> assertThat(d.text()).isEqualTo("391"));
        assertThat(ctx.streamed).containsExactly("391");
    }

    @Test
    void theGeneratorPutsTheContextAfterTheQuestionAndItsTaskLast() {
        FakeModel model = new FakeModel(p -> "answer");
        ThoughtState rich = QUESTION.withPlan(List.of("multiply 17 by 20", "add 17 * 3"))
                .addEvidence(new Evidence("17 * 20 = 340.", "notes.md", 0.9, "retriever"));

        new Generator(new Generator.Config(null, null, 64), ENV).apply(rich, model.context());

        Prompt sent = model.prompts.get(0);
        assertThat(sent.system()).contains("careful reasoning assistant");
        String user = model.lastUserMessage();
        assertThat(user).startsWith("What is 17 * 23?\n\nPlan:\n1. multiply 17 by 20\n2. add 17 * 3");
        assertThat(user).contains("Evidence:\n[1] 17 * 20 = 340. (source: notes.md)");
        assertThat(user).endsWith("Answer the question using the context above.");
    }

    @Test
    void theGeneratorRevisesWhenTheCriticAsks() {
        FakeModel model = new FakeModel(p -> "391");
        ThoughtState criticised = QUESTION.addDraft(Draft.of("381", "generator"))
                .addCritique(new Critique(0, Verdict.REVISE, List.of("17 * 23 is not 381"), "critic"));
        FakeModel.Context ctx = model.context();

        ThoughtState out = new Generator(new Generator.Config(null, null, null), ENV).apply(criticised, ctx);

        assertThat(model.lastUserMessage())
                .contains("Your previous answer was:\n381")
                .contains("- 17 * 23 is not 381")
                .contains("Write an improved answer");
        assertThat(out.drafts()).hasSize(2);
        assertThat(ctx.notes)
                .singleElement()
                .satisfies(n -> assertThat(n.what()).contains("revision of draft 0"));
    }

    @Test
    void thePlannerTurnsStructuredOutputIntoSubGoals() {
        FakeModel model = new FakeModel(p -> "{\"steps\": [\"compute 17 * 20\", \"compute 17 * 3\", \"add them\"]}");
        FakeModel.Context ctx = model.context();

        ThoughtState out = new Planner(new Planner.Config(3, null), ENV).apply(QUESTION, ctx);

        assertThat(out.plan()).containsExactly("compute 17 * 20", "compute 17 * 3", "add them");
        assertThat(model.lastUserMessage())
                .contains("at most 3 short, ordered sub-goals")
                .contains("JSON Schema");
        assertThat(ctx.notes.get(0).what()).isEqualTo("planned 3 sub-goals");
    }

    @Test
    void aPlanThatNeverComesIsNotedAndTheStateKept() {
        FakeModel model = new FakeModel(p -> "I'd rather not.");
        FakeModel.Context ctx = model.context();

        ThoughtState out = new Planner(new Planner.Config(null, null), ENV).apply(QUESTION, ctx);

        assertThat(out.plan()).isEmpty();
        assertThat(ctx.notes).singleElement().satisfies(n -> {
            assertThat(n.what()).isEqualTo("no plan");
            assertThat(n.why()).startsWith("INVALID");
        });
    }

    @Test
    void theCriticSeesChecksAndEvidenceAndRecordsVerdictAndScore() {
        FakeModel model =
                new FakeModel(p -> "{\"verdict\": \"revise\", \"score\": 2, \"issues\": [\"the product is wrong\"]}");
        Draft checked = Draft.of("17 * 23 = 381", "generator")
                .withValidations(List.of(new Validation("arithmetic", false, "17 * 23 = 381 (it is 391)")));
        ThoughtState state = QUESTION.addEvidence(new Evidence("Multiplication table.", "book", 1, "r"))
                .addDraft(checked);
        FakeModel.Context ctx = model.context();

        ThoughtState out = new Critic(new Critic.Config(null, null, null, null, null), ENV).apply(state, ctx);

        assertThat(model.lastUserMessage())
                .contains("Review this candidate answer")
                .contains("17 * 23 = 381")
                .contains("- arithmetic: FAILED (17 * 23 = 381 (it is 391))")
                .contains("Evidence:");
        assertThat(out.critiques()).singleElement().satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.REVISE);
            assertThat(c.issues()).containsExactly("the product is wrong");
            assertThat(c.draft()).isZero();
        });
        assertThat(out.drafts().get(0).scores()).containsEntry("critic", 2.0);
    }

    @Test
    void theCriticCanJudgeEveryDraftWithoutEvidence() {
        FakeModel model = new FakeModel(p -> p.messages().get(0).content().contains("B")
                ? "{\"verdict\": \"accept\", \"score\": 5, \"issues\": []}"
                : "{\"verdict\": \"revise\", \"score\": 1, \"issues\": [\"no\"]}");
        ThoughtState state = QUESTION.addEvidence(new Evidence("secret", "s", 1, "r"))
                .addDraft(Draft.of("A", "g"))
                .addDraft(Draft.of("B", "g"));

        ThoughtState out =
                new Critic(new Critic.Config("be fair", "all", false, true, null), ENV).apply(state, model.context());

        assertThat(model.prompts).hasSize(2);
        assertThat(model.prompts)
                .allSatisfy(p -> assertThat(p.messages().get(0).content())
                        .doesNotContain("secret")
                        .contains("be fair"));
        assertThat(out.critiques()).extracting(Critique::verdict).containsExactly(Verdict.REVISE, Verdict.ACCEPT);
    }

    @Test
    void theSelectorVotesOnNormalisedAnswers() {
        ThoughtState drafts = QUESTION.addDraft(Draft.of("The answer is 391.", "g"))
                .addDraft(Draft.of("I get 381", "g"))
                .addDraft(Draft.of("17*23 = 391", "g"))
                .addDraft(Draft.of("391", "g"));
        FakeModel.Context ctx = new FakeModel(p -> "").context();

        ThoughtState out = new Selector(new Selector.Config(null, null, null)).apply(drafts, ctx);

        assertThat(out.answer()).isEqualTo("The answer is 391.");
        assertThat(ctx.notes.get(0).why()).isEqualTo("3 of 4 drafts agree on \"391\"");
        assertThat(Selector.normalise("  The Final Answer: Paris!  ", false)).isEqualTo("paris");
        assertThat(Selector.normalise("#### 1,200.50", true)).isEqualTo("1200.5");
    }

    @Test
    void theSelectorCanPreferCriticScoresOrPassingChecks() {
        ThoughtState drafts = QUESTION.addDraft(Draft.of("a", "g")
                        .withScore("critic", 4)
                        .withValidations(List.of(new Validation("json", false, "bad"))))
                .addDraft(Draft.of("b", "g")
                        .withScore("critic", 2)
                        .withValidations(List.of(new Validation("json", true, ""))))
                .addDraft(Draft.of("c", "g").withScore("critic", 5))
                .addCritique(new Critique(2, Verdict.REVISE, List.of("x"), "critic"));
        FakeModel.Context ctx = new FakeModel(p -> "").context();

        assertThat(new Selector(new Selector.Config("critic", null, null))
                        .apply(drafts, ctx)
                        .answer())
                .isEqualTo("c");
        assertThat(new Selector(new Selector.Config("critic", null, true))
                        .apply(drafts, ctx)
                        .answer())
                .isEqualTo("a");
        assertThat(new Selector(new Selector.Config("validator", null, null))
                        .apply(drafts, ctx)
                        .answer())
                .isEqualTo("b");
    }

    @Test
    void theInjectorAddsCuesInOrderWithinItsBudgetAndSaysWhy() {
        ThoughtState state = QUESTION.withPlan(List.of("multiply", "check"))
                .addEvidence(new Evidence("Low relevance passage. More text.", "a.md", 0.1, "r"))
                .addEvidence(new Evidence("High relevance passage. More text.", "b.md", 0.9, "r"));
        FakeModel.Context ctx = new FakeModel(p -> "").context();

        ThoughtState outline = new ReasoningInjector(new ReasoningInjector.Config("outline", 300)).apply(state, ctx);
        assertThat(outline.hints())
                .extracting(h -> h.text())
                .containsExactly(
                        "1. multiply",
                        "2. check",
                        "fact [2]: High relevance passage.",
                        "fact [1]: Low relevance passage.");
        assertThat(outline.hints().get(2).reason()).isEqualTo("evidence [2] from b.md, score 0.900");

        FakeModel.Context tight = new FakeModel(p -> "").context();
        ThoughtState small = new ReasoningInjector(new ReasoningInjector.Config("checklist", 8)).apply(state, tight);
        assertThat(small.hints()).extracting(h -> h.text()).containsExactly("[ ] multiply", "[ ] check");
        assertThat(tight.notes.get(tight.notes.size() - 1).what()).isEqualTo("2 cues left out");
    }
}
