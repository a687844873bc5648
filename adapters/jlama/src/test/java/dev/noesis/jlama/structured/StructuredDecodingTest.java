package dev.noesis.jlama.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredOutputException;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.testing.TinyModels;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Structured output through the real Jlama path with the tiny random-weight model: a model with
 * no idea what JSON is, so that every valid document is the constraint's doing.
 */
class StructuredDecodingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RUNS_PER_SCHEMA = 125;
    private static JlamaLanguageModel model;

    @BeforeAll
    static void load() {
        model = JlamaLanguageModel.open(TinyModels.standard());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static GenerationParams sampled(long seed) {
        return GenerationParams.DEFAULTS
                .withMaxNewTokens(400)
                .withTemperature(1.0)
                .withTopP(seed % 2 == 0 ? 1.0 : 0.9)
                .withSeed(seed);
    }

    @Test
    void aThousandSeededGenerationsAllParseAndValidate() {
        int total = 0;
        for (Map.Entry<String, JsonSchema> e : Schemas.all().entrySet()) {
            var standard = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(e.getValue().document());
            // One session per schema: the instruction prompt is computed once, then reused from the KV cache.
            Prompt prompt = Prompt.of("Give an example value.").withSession("schema-" + e.getKey());
            Set<String> distinct = new HashSet<>();
            for (long seed = 0; seed < RUNS_PER_SCHEMA; seed++) {
                StructuredResult r = model.generateJson(prompt, e.getValue(), sampled(seed));

                assertThat(r.status())
                        .as("%s seed %d: %s %s", e.getKey(), seed, r.rawText(), r.errors())
                        .isEqualTo(StructuredResult.Status.VALID);
                JsonNode reparsed = parse(r.rawText());
                assertThat(reparsed).isEqualTo(r.value());
                assertThat(standard.validate(reparsed))
                        .as("%s seed %d: %s", e.getKey(), seed, r.rawText())
                        .isEmpty();
                distinct.add(reparsed.toString());
                total++;
            }
            assertThat(distinct.size())
                    .as("distinct documents for " + e.getKey())
                    .isGreaterThan(RUNS_PER_SCHEMA / 10);
        }
        assertThat(total).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void theSameSeedGivesTheSameDocument() {
        for (Map.Entry<String, JsonSchema> e : Schemas.all().entrySet()) {
            for (long seed : new long[] {3, 4}) {
                String first = model.generateJson(Prompt.of("Again."), e.getValue(), sampled(seed))
                        .rawText();
                assertThat(model.generateJson(Prompt.of("Again."), e.getValue(), sampled(seed))
                                .rawText())
                        .as(e.getKey())
                        .isEqualTo(first);
            }
        }
    }

    @Test
    void unicodeAndEscapesRoundTripThroughGeneration() {
        JsonSchema greetings = Schemas.all().get("enums");
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 30; seed++) {
            JsonNode v = model.generateJson(Prompt.of("Greet."), greetings, sampled(seed))
                    .valueOrThrow();
            seen.add(v.get("greeting").asText());
        }
        assertThat(seen).isSubsetOf("Grüße für dich – 5€ ✓ 日本語", "quote \" and \\ backslash", "tab\tnew\nline");
        assertThat(seen).hasSizeGreaterThan(1);

        JsonSchema free = JsonSchema.parse(
                "{\"type\":\"array\",\"items\":{\"type\":\"string\",\"maxLength\":12},\"maxItems\":4}");
        boolean sawNonAscii = false;
        for (long seed = 0; seed < 40; seed++) {
            StructuredResult r = model.generateJson(Prompt.of("Words."), free, sampled(seed));
            for (JsonNode s : r.valueOrThrow()) {
                String text = s.asText();
                sawNonAscii |= text.chars().anyMatch(c -> c > 0x7F);
                assertThat(text.codePointCount(0, text.length())).isLessThanOrEqualTo(12);
            }
            assertThat(parse(r.rawText())).isEqualTo(r.value());
        }
        assertThat(sawNonAscii)
                .as("some generated string held non-ASCII characters")
                .isTrue();
    }

    @Test
    void aBudgetTooSmallForTheSchemaIsReportedAsTruncated() {
        JsonSchema needsMore = Schemas.all().get("nested");

        StructuredResult r =
                model.generateJson(Prompt.of("Go."), needsMore, GenerationParams.DEFAULTS.withMaxNewTokens(3));

        assertThat(r.status()).isEqualTo(StructuredResult.Status.TRUNCATED);
        assertThat(r.value()).isNull();
        assertThat(r.completion().completionTokens()).isEqualTo(3);
        assertThat(r.completion().finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(r.errors())
                .singleElement()
                .asString()
                .contains("budget of 3 new tokens")
                .contains("at least");
        assertThatThrownBy(r::valueOrThrow)
                .isInstanceOf(StructuredOutputException.class)
                .hasMessageContaining("truncated");
    }

    enum Color {
        RED,
        GREEN,
        BLUE
    }

    /** Every field is bounded by the grammar itself, so even a random model finishes it. */
    record Decision(Color color, int count, boolean sure, List<Color> alternatives) {}

    @Test
    void recordsAndChoicesComeBackTyped() {
        Decision d = model.generateObject(
                Prompt.of("Decide."), Decision.class, GenerationParams.DEFAULTS.withMaxNewTokens(600));
        assertThat(d.color()).isNotNull();
        assertThat(d.alternatives()).isNotNull().doesNotContainNull();

        String choice = model.choose(
                Prompt.of("Pick one."), List.of("left", "right", "straight on"), GenerationParams.DEFAULTS);
        assertThat(choice).isIn("left", "right", "straight on");
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
