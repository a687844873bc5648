package dev.noesis.core.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.structured.SchemaNode.ObjectSchema;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        {"type":"number","minimum":0}                                          | "minimum" at /
        {"type":"object","properties":{"a":{"type":"string","format":"email"}}} | "format" at /properties/a
        {"oneOf":[{"type":"string"}]}                                           | "oneOf" at /
        {"type":"object","properties":{"a":{"$ref":"#/x"}}}                    | "$ref" at /properties/a
        {"type":"object","additionalProperties":{"type":"string"}}             | only true or false
        {"type":"array"}                                                       | has no "items"
        {"properties":{}}                                                      | has no "type"
        {"type":"object","properties":{"a":{"type":"string"}},"required":["b"]} | required property 'b'
        {"type":"string","pattern":"^(a)\\\\1$"}                                | backreferences
        {"type":"string","pattern":"(?=a)"}                                    | lookaround
        {"type":"string","pattern":"[a-z]+","maxLength":3}                     | together with minLength/maxLength
        {"type":"string","minLength":5,"maxLength":2}                          | maxLength < minLength
        {"type":"uuid"}                                                        | Unknown type "uuid"
        {"type":"string","enum":[1]}                                           | does not have the schema's own type
        true                                                                   | a boolean schema
        """)
    void unsupportedKeywordsAreRefusedByNameWhenTheSchemaIsGiven(String schema, String expected) {
        assertThatThrownBy(() -> JsonSchema.parse(schema))
                .isInstanceOf(UnsupportedSchemaException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void invalidJsonIsReportedAsSuch() {
        assertThatThrownBy(() -> JsonSchema.parse("{\"type\": ")).hasMessageContaining("not valid JSON");
    }

    @Test
    void annotationsAreAcceptedAndPropertiesKeepTheirOrder() {
        JsonSchema s = JsonSchema.parse("""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"T","description":"d",
             "type":"object","properties":{"z":{"type":"string"},"a":{"type":"integer","description":"n"}},
             "required":["a"],"additionalProperties":false}""");

        ObjectSchema o = (ObjectSchema) s.root();
        assertThat(o.properties().keySet()).containsExactly("z", "a");
        assertThat(o.required()).containsExactly("a");
        assertThat(o.extrasAllowed()).isFalse();
    }

    record Step(String goal, int effort, List<String> tools, Kind kind) {}

    enum Kind {
        LOOKUP,
        COMPUTE
    }

    record Plan(List<Step> steps, boolean done, double confidence) {}

    @Test
    void recordsBecomeSchemasAndValuesConvertBack() throws Exception {
        JsonSchema s = JsonSchema.forRecord(Plan.class);
        JsonNode value = JSON.readTree("""
            {"steps":[{"goal":"find","effort":2,"tools":["search"],"kind":"LOOKUP"}],"done":false,"confidence":0.5}""");

        assertThat(JsonValidator.validate(value, s.root())).isEmpty();
        assertThat(JsonValidator.validate(JSON.readTree("{\"steps\":[],\"done\":false}"), s.root()))
                .singleElement()
                .asString()
                .contains("'confidence' is missing");
        StructuredResult r = StructuredResult.valid(
                value,
                value.toString(),
                new dev.noesis.core.model.Completion(
                        "", 0, 0, 0, 0, 0, dev.noesis.core.model.FinishReason.END_OF_SEQUENCE),
                1);
        Plan plan = r.as(Plan.class);
        assertThat(plan.steps().get(0).kind()).isEqualTo(Kind.LOOKUP);
        assertThat(s.document()
                        .at("/properties/steps/items/properties/kind/enum")
                        .toString())
                .isEqualTo("[\"LOOKUP\",\"COMPUTE\"]");
    }

    @Test
    void aChoiceIsAStringEnum() {
        JsonSchema c = JsonSchema.choice(List.of("yes", "no", "yes"));
        assertThat(c.toJson()).isEqualTo("{\"type\":\"string\",\"enum\":[\"yes\",\"no\"]}");
    }

    /** Our validator and an independent, standard one (networknt) agree on every case. */
    @ParameterizedTest(name = "{1} against {0}")
    @CsvSource(delimiter = '|', textBlock = """
        {"type":"object","properties":{"a":{"type":"string","maxLength":3}},"required":["a"],"additionalProperties":false} | {"a":"abc"}
        {"type":"object","properties":{"a":{"type":"string","maxLength":3}},"required":["a"],"additionalProperties":false} | {"a":"abcd"}
        {"type":"object","properties":{"a":{"type":"string","maxLength":3}},"required":["a"],"additionalProperties":false} | {"a":"日本語"}
        {"type":"object","properties":{"a":{"type":"string","maxLength":3}},"required":["a"],"additionalProperties":false} | {"a":"ab","b":1}
        {"type":"object","properties":{"a":{"type":"string","maxLength":3}},"required":["a"],"additionalProperties":false} | {}
        {"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":2}                                            | [1,2]
        {"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":2}                                            | []
        {"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":2}                                            | [1.5]
        {"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":2}                                            | [1.0]
        {"type":"string","pattern":"^[A-Z]{2}-\\\\d{3}$"}                                                                | "AB-123"
        {"type":"string","pattern":"^[A-Z]{2}-\\\\d{3}$"}                                                                | "AB-1234"
        {"type":"string","pattern":"b+c"}                                                                                | "xxbbcxx"
        {"type":"string","pattern":"b+c"}                                                                                | "xxbxcxx"
        {"enum":["x",1,null,true]}                                                                                       | 1.0
        {"enum":["x",1,null,true]}                                                                                       | false
        {"anyOf":[{"type":"object","properties":{"r":{"type":"number"}},"required":["r"]},{"type":"null"}]}                | null
        {"anyOf":[{"type":"object","properties":{"r":{"type":"number"}},"required":["r"]},{"type":"null"}]}                | {"r":"x"}
        {"type":["string","null"],"maxLength":2}                                                                         | "abc"
        {"type":["string","null"],"maxLength":2}                                                                         | null
        """)
    void ourValidatorAgreesWithAStandardOne(String schemaJson, String valueJson) throws Exception {
        JsonNode schemaDoc = JSON.readTree(schemaJson);
        JsonNode value = JSON.readTree(valueJson);
        boolean standard = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schemaDoc)
                .validate(value)
                .isEmpty();

        boolean ours =
                JsonValidator.validate(value, JsonSchema.of(schemaDoc).root()).isEmpty();

        assertThat(ours).isEqualTo(standard);
    }

    @Test
    void patternsMatchAsJavaRegexWouldSearch() {
        String[] patterns = {
            "^[a-z]{1,6}$",
            "^\\d{3}(-\\d{2})?$",
            "colou?r",
            "^(cat|dog)s?$",
            "^[^0-9 ]+$",
            "^.{2}$",
            "^[\\w.]+@[a-z]+\\.(com|org)$",
            "^\\s*\\S+$",
            "^a*?b$"
        };
        String[] inputs = {
            "",
            "abc",
            "abcdefg",
            "123",
            "123-45",
            "123-4",
            "color",
            "my colour",
            "cats",
            "dog",
            "bird",
            "a b",
            "ab",
            "x.y@mail.org",
            "x@mail.net",
            "  tab",
            "aab",
            "b",
            "ünï",
            "日本"
        };
        for (String p : patterns) {
            RegexSubset r = RegexSubset.compile(p, "/");
            java.util.regex.Pattern jp = java.util.regex.Pattern.compile(p);
            for (String in : inputs) {
                assertThat(r.matches(in))
                        .as(p + " on \"" + in + "\"")
                        .isEqualTo(jp.matcher(in).find());
            }
        }
    }

    @Test
    void patternsWhoseMatchesNeedEscapesCannotBeGenerated() {
        assertThatThrownBy(() -> JsonSchema.parse("{\"type\":\"string\",\"pattern\":\"^\\\"+$\"}"))
                .hasMessageContaining("cannot write");
        assertThat(Set.of(RegexSubset.compile("^[a\"]+$", "/").liveForGeneration(0)))
                .containsExactly(true);
    }
}
