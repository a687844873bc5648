package dev.noesis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.run.Budget;
import dev.noesis.core.thought.AttributeKey;
import dev.noesis.core.thought.Draft;
import dev.noesis.core.thought.Evidence;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.core.thought.Validation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void defaultsAreReproducible() {
        GenerationParams p = GenerationParams.DEFAULTS;
        assertThat(p.greedy()).isTrue();
        assertThat(p.seed()).isEqualTo(42);
        assertThat(p.topP()).isEqualTo(1.0);
    }

    @Test
    void badGenerationSettingsAreRefusedWithTheValue() {
        assertThatThrownBy(() -> GenerationParams.DEFAULTS.withMaxNewTokens(0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> GenerationParams.DEFAULTS.withTemperature(-1)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> GenerationParams.DEFAULTS.withTemperature(Double.NaN))
                .hasMessageContaining("temperature");
        assertThatThrownBy(() -> GenerationParams.DEFAULTS.withTopP(0)).hasMessageContaining("top-p");
        assertThatThrownBy(() -> GenerationParams.DEFAULTS.withStopSequences(List.of("")))
                .hasMessageContaining("empty");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            many.add("s" + i);
        }
        assertThatThrownBy(() -> GenerationParams.DEFAULTS.withStopSequences(many))
                .hasMessageContaining("at most 16");
    }

    @Test
    void budgetsMustBePositive() {
        assertThatThrownBy(() -> Budget.DEFAULT.withMaxModelCalls(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Budget.DEFAULT.withMaxTokens(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Budget.DEFAULT.withMaxWallTime(Duration.ZERO))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aPromptNeedsAMessageAndCopiesIt() {
        List<Message> messages = new ArrayList<>(List.of(Message.user("hi")));
        Prompt p = new Prompt(null, messages, null);
        messages.add(Message.user("later"));

        assertThat(p.messages()).hasSize(1);
        assertThat(p.system()).isEmpty();
        assertThat(p.session()).isEmpty();
        assertThat(p.withSession("s").session()).contains("s");
        assertThatThrownBy(() -> new Prompt("", List.of(), null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void thoughtStateIsImmutableAndGrowsByCopies() {
        ThoughtState empty = ThoughtState.of("Why?");
        ThoughtState withDraft = empty.addDraft(Draft.of("Because.", "generator"))
                .addEvidence(new Evidence("fact", "doc-1", 0.5, "retriever"));

        assertThat(empty.drafts()).isEmpty();
        assertThat(withDraft.drafts()).hasSize(1);
        assertThat(withDraft.evidence()).hasSize(1);
        assertThat(withDraft.chosenAnswer()).isEmpty();
        assertThat(withDraft.withAnswer("Because.").chosenAnswer()).contains("Because.");
        assertThatThrownBy(() -> withDraft.drafts().add(Draft.of("x", "y")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ThoughtState.of("  "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("question is empty");
    }

    @Test
    void attributesAreTyped() {
        AttributeKey<Integer> count = AttributeKey.of("acme.count", Integer.class);
        AttributeKey<String> label = AttributeKey.of("acme.label", String.class);
        ThoughtState s = ThoughtState.of("q").with(count, 3);

        assertThat(s.attributes().get(count)).contains(3);
        assertThat(s.attributes().get(label)).isEmpty();
        assertThat(ThoughtState.of("q").with(count, 3)).isEqualTo(s);
    }

    @Test
    void aDraftPassesValidationOnlyWhenEveryCheckPasses() {
        Draft ok = new Draft("x", "g", null, List.of(new Validation("json", true, null)));
        Draft bad = new Draft(
                "x", "g", null, List.of(new Validation("json", true, ""), new Validation("math", false, "2+2=5")));

        assertThat(ok.passedValidation()).isTrue();
        assertThat(bad.passedValidation()).isFalse();
    }
}
