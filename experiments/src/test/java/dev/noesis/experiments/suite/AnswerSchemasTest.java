package dev.noesis.experiments.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.core.structured.JsonValidator;
import dev.noesis.experiments.suite.extract.ExtractionRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The structured answers are schemas core enforces, and what they admit is what json-field:answer reads. */
class AnswerSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> errors(JsonSchema schema, String value) throws Exception {
        return JsonValidator.validate(JSON.readTree(value), schema.root());
    }

    @Test
    void aShortAnswerIsOneBoundedTextField() throws Exception {
        JsonSchema s = AnswerSchemas.shortAnswer();

        assertThat(errors(s, "{\"answer\": \"Paris\"}")).isEmpty();
        assertThat(errors(s, "{\"answer\": \"" + "x".repeat(AnswerSchemas.MAX_SHORT_ANSWER + 1) + "\"}"))
                .isNotEmpty();
        assertThat(errors(s, "{\"answer\": \"Paris\", \"why\": \"because\"}")).isNotEmpty();
    }

    @Test
    void aReasonedNumberWritesItsReasoningFirst() throws Exception {
        JsonSchema s = AnswerSchemas.reasonedNumber();
        String value = "{\"reasoning\": \"9 * 2\", \"answer\": 18}";

        assertThat(errors(s, value)).isEmpty();
        assertThat(errors(s, "{\"reasoning\": \"9 * 2\", \"answer\": \"18\"}")).isNotEmpty();
        assertThat(s.document().get("properties").fieldNames()).toIterable().containsExactly("reasoning", "answer");
        assertThat(ExtractionRules.jsonField("answer").apply(value)).contains("18");
    }

    @Test
    void aLabelIsOneOfTheLabels() throws Exception {
        JsonSchema s = AnswerSchemas.label(List.of("SUPPORT", "CONTRADICT"));

        assertThat(errors(s, "{\"answer\": \"SUPPORT\"}")).isEmpty();
        assertThat(errors(s, "{\"answer\": \"MAYBE\"}")).isNotEmpty();
    }
}
