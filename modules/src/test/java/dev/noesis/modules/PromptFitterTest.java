package dev.noesis.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.thought.Draft;
import dev.noesis.core.thought.Evidence;
import dev.noesis.core.thought.Hint;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.core.trace.Note;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Modules fit what they put in a prompt to the model's context, cutting what matters least first, and say so. */
class PromptFitterTest {

    private static final DefaultModuleEnvironment ENV = DefaultModuleEnvironment.shipped();
    private static final int CONTEXT = 2048;
    private static final String QUESTION = "Which river flows through the old town of Passau?";

    /** A passage of about {@code words} words that names itself, so a prompt shows which passages it holds. */
    private static String passage(String id, int words) {
        StringBuilder b = new StringBuilder("Passage " + id + " begins.");
        for (int i = 0; b.length() < words * 6; i++) {
            b.append(" word").append(id).append(i % 10);
        }
        return b.append(" Passage ").append(id).append(" ends.").toString();
    }

    /** Six long passages, as a retriever with long chunks finds them: found in one order, scored in another. */
    private static ThoughtState withLongEvidence() {
        double[] scores = {0.9, 0.4, 0.8, 0.2, 0.7, 0.3};
        List<Evidence> evidence = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            evidence.add(new Evidence(passage("P" + (i + 1), 300), "doc" + (i + 1) + ".md", scores[i], "retriever"));
        }
        return ThoughtState.of(QUESTION).withEvidence(evidence);
    }

    private static int reserve(int maxNewTokens) {
        return Math.max(1, Math.min(maxNewTokens, CONTEXT / 2));
    }

    @Test
    void longEvidenceIsFittedToTheContextLowestScoredFirstAndTheTraceSaysSo() {
        FakeModel model = new FakeModel(p -> "the Danube", CONTEXT);
        FakeModel.Context ctx = model.context();
        ThoughtState state = withLongEvidence();
        int maxNew = GenerationParams.DEFAULTS.maxNewTokens();
        assertThat(model.countTokens(ModulePrompts.prompt(ENV.templates(), state, "", "")))
                .as("the whole would not fit")
                .isGreaterThan(CONTEXT);

        new Generator(new Generator.Config(null, null, null), ENV).apply(state, ctx);

        Prompt sent = model.prompts.get(0);
        assertThat(model.countTokens(sent) + reserve(maxNew)).isLessThanOrEqualTo(CONTEXT);
        String user = model.lastUserMessage();
        assertThat(user).startsWith(QUESTION).endsWith("Answer the question using the context above.");
        // Kept whole: the best scored, under the numbers they have in the state; the best of the rest
        // (P2, 0.4) is put back cut to the room left; left out: the lowest scored (P6 0.3, P4 0.2).
        assertThat(user)
                .contains(
                        "[1] Passage P1 begins.",
                        "Passage P1 ends.",
                        "[3] Passage P3 begins.",
                        "[5] Passage P5 begins.");
        assertThat(user)
                .contains("[2] Passage P2 begins.", PromptFitter.CUT_MARK + " (source: doc2.md)")
                .doesNotContain("Passage P2 ends.");
        assertThat(user).doesNotContain("Passage P4", "Passage P6");
        assertThat(ctx.notes)
                .extracting(Note::what)
                .anySatisfy(w -> assertThat(w).startsWith("evidence [2] cut to "))
                .anySatisfy(
                        w -> assertThat(w)
                                .startsWith(
                                        "left out of the prompt: evidence [4], [6] (the lowest scored: 0.200 and up), 4 of 6 items kept"));
        assertThat(ctx.notes)
                .extracting(Note::why)
                .anySatisfy(w -> assertThat(w).contains("the model holds 2048"));
        assertThat(model.counted)
                .as("a binary search, not one count per passage")
                .isLessThan(25);
    }

    @Test
    void aPassageLongerThanTheContextIsCutNotDropped() {
        FakeModel model = new FakeModel(p -> "ok", CONTEXT);
        FakeModel.Context ctx = model.context();
        ThoughtState state = ThoughtState.of(QUESTION)
                .addEvidence(new Evidence(passage("BIG", 3000), "big.md", 0.9, "retriever"))
                .addEvidence(new Evidence(passage("SMALL", 20), "small.md", 0.1, "retriever"));

        new Generator(new Generator.Config(null, null, 100), ENV).apply(state, ctx);

        String user = model.lastUserMessage();
        assertThat(model.countTokens(model.prompts.get(0)) + reserve(100)).isLessThanOrEqualTo(CONTEXT);
        assertThat(user).contains("[1] Passage BIG begins.", PromptFitter.CUT_MARK + " (source: big.md)");
        assertThat(ctx.notes)
                .extracting(Note::what)
                .anySatisfy(w -> assertThat(w).startsWith("evidence [1] cut to "));
    }

    @Test
    void memoryStatementsAndCuesAreFittedTooAndADraftUnderReviewIsCutLast() {
        FakeModel model = new FakeModel(p -> "{\"verdict\":\"accept\",\"score\":4,\"issues\":[]}", CONTEXT);
        FakeModel.Context ctx = model.context();
        List<Evidence> facts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            facts.add(new Evidence(
                    "(Passau; lies on; river number " + i + " of a long list of rivers and streams)",
                    "memory",
                    1.0 - i / 100.0,
                    "retriever"));
        }
        List<Hint> hints = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            hints.add(new Hint(
                    "check the answer against fact " + i + " and every river it names, one by one",
                    "test",
                    "reasoning-injector"));
        }
        String draft = passage("DRAFT", 2500);
        ThoughtState state =
                ThoughtState.of(QUESTION).withEvidence(facts).withHints(hints).addDraft(Draft.of(draft, "generator"));

        new Critic(new Critic.Config(null, null, null, null, 300), ENV).apply(state, ctx);

        Prompt sent = model.prompts.get(0);
        // What the model is given carries the structured-output instruction: that is what must fit.
        assertThat(model.lastUserMessage()).contains("JSON Schema");
        assertThat(model.countTokens(sent) + 300).isLessThanOrEqualTo(CONTEXT);
        assertThat(model.lastUserMessage())
                .contains("Review this candidate answer to the question:\nPassage DRAFT begins.")
                .contains(PromptFitter.CUT_MARK)
                .doesNotContain("Passage DRAFT ends.")
                .doesNotContain("(Passau; lies on;");
        assertThat(ctx.notes)
                .extracting(Note::what)
                .anySatisfy(w -> assertThat(w).startsWith("left out of the prompt: evidence [1], [2]"))
                .anySatisfy(w -> assertThat(w)
                        .isEqualTo("left out of the prompt: 30 of 30 cues for reasoning, the last added first"))
                .anySatisfy(w -> assertThat(w).startsWith("the quoted draft cut to "));
        assertThat(state.drafts().get(0).text())
                .as("the state keeps the whole draft")
                .isEqualTo(draft);
    }

    @Test
    void earlierTurnsGoOldestFirstBeforeTheQuestionIsTouched() {
        FakeModel model = new FakeModel(p -> "ok", 512);
        FakeModel.Context ctx = model.context();
        List<Message> history = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            history.add(Message.user("turn " + i + " " + "x".repeat(400)));
            history.add(Message.assistant("reply " + i));
        }

        new Generator(new Generator.Config("none", "none", 32), ENV)
                .apply(ThoughtState.of(QUESTION).withHistory(history), ctx);

        List<Message> sent = model.prompts.get(0).messages();
        assertThat(sent.get(sent.size() - 1).content()).isEqualTo(QUESTION);
        assertThat(sent.get(sent.size() - 2).content()).isEqualTo("reply 9");
        assertThat(sent)
                .extracting(Message::content)
                .noneSatisfy(c -> assertThat(c).startsWith("turn 0 "));
        assertThat(ctx.notes)
                .extracting(Note::what)
                .anySatisfy(
                        w -> assertThat(w).matches("left out of the prompt: the \\d+ oldest of 20 earlier messages"));
    }

    @Test
    void aPromptThatFitsOrAModelThatDoesNotSayItsContextIsLeftWhole() {
        FakeModel unknown = new FakeModel(p -> "ok");
        ThoughtState state = withLongEvidence();
        new Generator(new Generator.Config(null, null, null), ENV).apply(state, unknown.context());
        assertThat(unknown.lastUserMessage()).contains("Passage P4 ends.", "Passage P6 ends.");
        assertThat(unknown.counted).isZero();

        FakeModel roomy = new FakeModel(p -> "ok", 1 << 20);
        FakeModel.Context ctx = roomy.context();
        new Generator(new Generator.Config(null, null, null), ENV).apply(state, ctx);
        assertThat(roomy.lastUserMessage()).isEqualTo(unknown.lastUserMessage());
        assertThat(ctx.notes).isEmpty();
    }

    @Test
    void cutTextEndsAtAWordAndSaysItWasCut() {
        assertThat(PromptFitter.cutText("alpha beta gamma delta", 13)).isEqualTo("alpha beta" + PromptFitter.CUT_MARK);
        assertThat(PromptFitter.cutText("short", 10)).isEqualTo("short");
        assertThat(PromptFitter.cutText("abcdefghij", 4)).isEqualTo("abcd" + PromptFitter.CUT_MARK);
    }
}
