package dev.noesis.jlama.structured;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.core.structured.JsonValidator;
import dev.noesis.jlama.ModelFolder;
import dev.noesis.jlama.testing.TinyModels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Without a model: along random walks through each schema, the mask is exactly the set of
 * tokens the recognizer accepts (checked token by token over the whole vocabulary, so the
 * string tables and the trie walk must both agree with it), it is never empty before the
 * document ends, and every finished document parses and validates.
 */
class MaskExactnessTest {

    private static TokenConstraints constraints;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void tables() {
        var folder = ModelFolder.open(TinyModels.standard());
        constraints = TokenConstraints.build(
                folder.dir().resolve(ModelFolder.TOKENIZER), folder.intConfig("vocab_size", 0), List.of(2, 262));
    }

    @Test
    void theMaskIsExactAndEveryFinishedDocumentIsValid() throws Exception {
        Random random = new Random(1234);
        int finished = 0;
        for (Map.Entry<String, JsonSchema> e : Schemas.all().entrySet()) {
            for (int walk = 0; walk < 60; walk++) {
                JsonConstraint c = constraints.start(e.getValue());
                ByteArrayOutputStream written = new ByteArrayOutputStream();
                for (int step = 0; step < 400 && !c.complete(); step++) {
                    long[] mask = c.allowed().clone();
                    Cursor at = cursorOf(c);
                    int allowedCount = 0;
                    for (int t = 0; t < constraints.vocabularySize(); t++) {
                        byte[] b = constraints.bytesOf(t);
                        boolean accepted =
                                constraints.isEndOfSequence(t) ? at.canEnd() : b != null && at.advance(b, 0) != null;
                        assertThat(JsonConstraint.isSet(mask, t))
                                .as("%s token %d after \"%s\"", e.getKey(), t, written.toString(StandardCharsets.UTF_8))
                                .isEqualTo(accepted);
                        allowedCount += accepted ? 1 : 0;
                    }
                    assertThat(allowedCount)
                            .as("tokens allowed after \"%s\"", written.toString(StandardCharsets.UTF_8))
                            .isPositive();
                    int pick = pick(mask, random);
                    c.accept(pick);
                    if (!constraints.isEndOfSequence(pick)) {
                        written.write(constraints.bytesOf(pick));
                    }
                }
                if (c.complete()) {
                    finished++;
                    String text = written.toString(StandardCharsets.UTF_8);
                    JsonNode value = JSON.readTree(text);
                    assertThat(JsonValidator.validate(value, e.getValue().root()))
                            .as(e.getKey() + ": " + text)
                            .isEmpty();
                }
            }
        }
        assertThat(finished).as("walks that finished a document").isGreaterThan(300);
    }

    /** A random allowed token, preferring short ones so that walks finish. */
    private static int pick(long[] mask, Random random) {
        int[] allowed = new int[constraints.vocabularySize()];
        int n = 0;
        for (int t = 0; t < allowed.length; t++) {
            if (JsonConstraint.isSet(mask, t)) {
                allowed[n++] = t;
            }
        }
        for (int tries = 0; tries < 4; tries++) {
            int t = allowed[random.nextInt(n)];
            byte[] b = constraints.bytesOf(t);
            if (b == null || b.length <= 2) {
                return t;
            }
        }
        return allowed[random.nextInt(n)];
    }

    private static Cursor cursorOf(JsonConstraint c) throws Exception {
        var field = JsonConstraint.class.getDeclaredField("cursor");
        field.setAccessible(true);
        return (Cursor) field.get(c);
    }
}
