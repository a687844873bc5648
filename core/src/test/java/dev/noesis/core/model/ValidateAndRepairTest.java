package dev.noesis.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.structured.JsonSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The generic structured-output loop, with scripted replies. */
class ValidateAndRepairTest {

    private static final JsonSchema SCHEMA = JsonSchema.parse("""
        {"type":"object","properties":{"answer":{"type":"integer"}},"required":["answer"],"additionalProperties":false}""");

    private final List<Prompt> prompts = new ArrayList<>();

    private Function<Prompt, Completion> replies(String... texts) {
        Iterator<String> it = List.of(texts).iterator();
        return p -> {
            prompts.add(p);
            String t = it.next();
            return new Completion(
                    t,
                    10,
                    5,
                    0,
                    1,
                    2,
                    t.startsWith("{\"answer\": 4") && !t.endsWith("}")
                            ? FinishReason.MAX_TOKENS
                            : FinishReason.END_OF_SEQUENCE);
        };
    }

    @Test
    void aValidReplyIsReturnedAtOnceWithTheSchemaInTheInstruction() {
        StructuredResult r = ValidateAndRepair.run(
                replies("{\"answer\": 4}"), Prompt.of("2+2?"), SCHEMA, GenerationParams.DEFAULTS, 3);

        assertThat(r.valid()).isTrue();
        assertThat(r.value().get("answer").asInt()).isEqualTo(4);
        assertThat(r.attempts()).isEqualTo(1);
        Prompt sent = prompts.get(0);
        assertThat(sent.system()).isEmpty();
        assertThat(sent.messages())
                .singleElement()
                .satisfies(m -> assertThat(m.content())
                        .startsWith("2+2?")
                        .contains("JSON Schema")
                        .contains("\"answer\""));
    }

    @Test
    void anInvalidReplyIsShownToTheModelWithItsErrorsAndRepaired() {
        StructuredResult r = ValidateAndRepair.run(
                replies("Sure! {\"answer\": \"four\"}", "```json\n{\"answer\": 4}\n```"),
                Prompt.of("2+2?"),
                SCHEMA,
                GenerationParams.DEFAULTS,
                3);

        assertThat(r.valid()).isTrue();
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.completion().completionTokens()).isEqualTo(10);
        List<Message> second = prompts.get(1).messages();
        assertThat(second.get(1).content()).isEqualTo("Sure! {\"answer\": \"four\"}");
        assertThat(second.get(2).content()).contains("/answer: expected an integer, got a string");
    }

    @Test
    void repliesThatNeverValidateComeBackAsAResultWithTheRawTextAndErrors() {
        StructuredResult r = ValidateAndRepair.run(
                replies("no", "still no", "{\"other\": 1}"), Prompt.of("?"), SCHEMA, GenerationParams.DEFAULTS, 3);

        assertThat(r.status()).isEqualTo(StructuredResult.Status.INVALID);
        assertThat(r.value()).isNull();
        assertThat(r.rawText()).isEqualTo("{\"other\": 1}");
        assertThat(r.errors()).anyMatch(e -> e.contains("'answer' is missing"));
        assertThat(r.attempts()).isEqualTo(3);
        assertThatThrownBy(r::valueOrThrow)
                .isInstanceOf(StructuredOutputException.class)
                .hasMessageContaining("after 3 attempt(s)")
                .hasMessageContaining("{\"other\": 1}");
    }

    @Test
    void aReplyCutByTheTokenBudgetIsTruncated() {
        StructuredResult r = ValidateAndRepair.run(
                replies("{\"answer\": 4"), Prompt.of("?"), SCHEMA, GenerationParams.DEFAULTS.withMaxNewTokens(5), 1);

        assertThat(r.status()).isEqualTo(StructuredResult.Status.TRUNCATED);
        assertThat(r.errors()).singleElement().asString().contains("budget of 5 new tokens");
        assertThatThrownBy(r::valueOrThrow).hasMessageContaining("truncated");
    }
}
