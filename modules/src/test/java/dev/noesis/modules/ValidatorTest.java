package dev.noesis.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.thought.Draft;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.core.thought.Validation;
import dev.noesis.modules.checks.TableCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    private static Validator validator(String json, TableCheck.Spec table, boolean java, boolean arithmetic)
            throws Exception {
        return new Validator(new Validator.Config(
                json == null ? null : new ObjectMapper().readTree(json), table, java, arithmetic, null));
    }

    private static Validation only(Validator v, String text) {
        List<Validation> results = v.check(text);
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void jsonIsFoundInTheDraftAndCheckedAgainstTheSchema() throws Exception {
        Validator v = validator(
                "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}",
                null,
                false,
                false);

        assertThat(only(v, "Here you go:\n```json\n{\"n\": 3}\n```").passed()).isTrue();
        Validation bad = only(v, "{\"n\": \"three\"}");
        assertThat(bad.passed()).isFalse();
        assertThat(bad.detail()).contains("/n: expected an integer");
        assertThat(only(v, "no json here").detail()).contains("holds no JSON");
    }

    @Test
    void tablesAreCheckedForHeaderTypesUniquenessAndKeys() throws Exception {
        TableCheck.Spec spec = new TableCheck.Spec(
                null,
                List.of(
                        new TableCheck.Column("id", "integer", true),
                        new TableCheck.Column("city", null, null),
                        new TableCheck.Column("founded", "date", null)),
                List.of("city"));
        Validator v = validator(null, spec, false, false);

        assertThat(only(
                                v,
                                "| id | city | founded |\n|---|---|---|\n| 1 | Oslo | 1048-01-01 |\n| 2 | Lima | 1535-01-18 |")
                        .passed())
                .isTrue();
        assertThat(only(v, "id,city,founded\n1,Oslo,1048-01-01\n2,Lima,1535-01-18\n")
                        .passed())
                .isTrue();
        Validation wrong = only(v, "id,city,founded\n1,Oslo,long ago\n1,Oslo,1535-01-18\n");
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.detail())
                .contains("row 1, founded: 'long ago' is not date")
                .contains("id repeats the value '1'")
                .contains("the key [city] repeats [Oslo]");
        assertThat(only(v, "name,town\nx,y\n").detail()).contains("the header is [name, town]");
        assertThatThrownBy(() -> new TableCheck.Spec(null, List.of(new TableCheck.Column("a", "float", null)), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'float'");
    }

    @Test
    void javaSourceMustParse() throws Exception {
        Validator v = validator(null, null, true, false);

        assertThat(only(v, "```java\nclass A { int f() { return 1; } }\n```").passed())
                .isTrue();
        assertThat(only(v, "int x = 1;\nSystem.out.println(x);").detail()).isEqualTo("parses as statements");
        Validation broken = only(v, "class A { int f( { return 1 } }");
        assertThat(broken.passed()).isFalse();
        assertThat(broken.detail()).contains("parse problem");
    }

    @Test
    void arithmeticClaimsAreWorkedOut() throws Exception {
        Validator v = validator(null, null, false, true);

        assertThat(only(v, "17 * 23 = 391 and 10 / 4 = 2.5 and 1,000 + 1 = 1,001")
                        .passed())
                .isTrue();
        Validation wrong = only(v, "First 2 + 2 = 5, then 10 / 3 = 3.33, and 7 x 6 = 42.");
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.detail()).isEqualTo("2 + 2 = 5 (it is 4)");
        assertThat(v.check("No claims in this text.")).isEmpty();
    }

    @Test
    void resultsAttachToTheDraftsInScope() throws Exception {
        ThoughtState state =
                ThoughtState.of("q").addDraft(Draft.of("1 + 1 = 3", "g")).addDraft(Draft.of("1 + 1 = 2", "g"));
        FakeModel.Context ctx = new FakeModel(p -> "").context();

        ThoughtState latest = validator(null, null, false, true).apply(state, ctx);
        assertThat(latest.drafts().get(0).validations()).isEmpty();
        assertThat(latest.drafts().get(1).passedValidation()).isTrue();

        ThoughtState all = new Validator(new Validator.Config(null, null, false, true, "all")).apply(state, ctx);
        assertThat(all.drafts().get(0).passedValidation()).isFalse();
        assertThat(ctx.notes).anySatisfy(n -> assertThat(n.what()).isEqualTo("draft 0: 1 checks, 1 failed"));
    }
}
