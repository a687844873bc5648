package dev.noesis.experiments.suite.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.experiments.log.Extraction;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractionRulesTest {

    @Test
    void jsonFieldReadsTheFieldOfTheFirstObjectThatHasIt() {
        ExtractionRule rule = ExtractionRules.jsonField("answer");
        assertThat(rule.name()).isEqualTo("json-field:answer");
        assertThat(rule.apply("```json\n{\"answer\": \"Paris\"}\n```")).contains("Paris");
        assertThat(rule.apply("{\"reasoning\": \"9 * 2\", \"answer\": 18}")).contains("18");
        assertThat(rule.apply("I think {x} so {\"answer\": \"B\"} is it")).contains("B");
        assertThat(rule.apply("{\"answer\": ")).isEmpty();
        assertThat(rule.apply("{\"other\": 1}")).isEmpty();
        assertThat(rule.apply("{\"answer\": {\"nested\": 1}}")).isEmpty();
        assertThat(rule.apply("no json here")).isEmpty();
    }

    @Test
    void gsm8kHashTakesTheFirstFinalLine() {
        ExtractionRule rule = ExtractionRules.gsm8kHash();
        assertThat(rule.apply("9 * 2 = 18\n#### 18\nQuestion: another one\n#### 5"))
                .contains("18");
        assertThat(rule.apply("####   $1,250 ")).contains("$1,250");
        assertThat(rule.apply("#### \n")).isEmpty();
        assertThat(rule.apply("the answer is 18")).isEmpty();
    }

    @Test
    void answerPrefixReadsAnAnswerLine() {
        ExtractionRule rule = ExtractionRules.answerPrefix();
        assertThat(rule.apply("Let me think.\n**Answer:** Paris\nDone")).contains("Paris");
        assertThat(rule.apply("Final answer: 42")).contains("42");
        assertThat(rule.apply("ANSWER : Kansas Song")).contains("Kansas Song");
        assertThat(rule.apply("My answer would be Paris")).isEmpty();
    }

    @Test
    void answerIsReadsToTheEndOfTheSentence() {
        ExtractionRule rule = ExtractionRules.answerIs();
        assertThat(rule.apply("I believe the answer is Lawrence, Kansas. It is a city."))
                .contains("Lawrence, Kansas");
        assertThat(rule.apply("So the final answer is 3.5.")).contains("3.5");
        assertThat(rule.apply("No idea.")).isEmpty();
    }

    @Test
    void lastNumberAndFirstLine() {
        assertThat(ExtractionRules.lastNumber().apply("2 + 3 = 5, so 1,000 in total."))
                .contains("1000");
        assertThat(ExtractionRules.lastNumber().apply("none")).isEmpty();
        assertThat(ExtractionRules.firstLine().apply("\n\n  Paris \nmore")).contains("Paris");
        assertThat(ExtractionRules.firstLine().apply(" \n ")).isEmpty();
    }

    @Test
    void labelFindsTheFirstLabelWordWithItsEndings() {
        ExtractionRule rule = ExtractionRules.label(List.of("SUPPORT", "CONTRADICT"));
        assertThat(rule.apply("The evidence supports this claim.")).contains("SUPPORT");
        assertThat(rule.apply("Contradicted; nothing supports it")).contains("CONTRADICT");
        assertThat(rule.apply("This is a contradiction.")).contains("CONTRADICT");
        assertThat(rule.apply("The claim is unsupported and supportive of nothing"))
                .isEmpty();
    }

    @Test
    void anExtractorTriesRulesInOrderAndRecordsWhichOneAnswered() {
        Extractor e = ExtractionRules.extractor(List.of("json-field:answer", "gsm8k-hash", "last-number"), List.of());

        assertThat(e.extract("{\"answer\": 7}")).isEqualTo(new Extraction("7", "json-field:answer"));
        assertThat(e.extract("so 3 + 4\n#### 7")).isEqualTo(new Extraction("7", "gsm8k-hash"));
        assertThat(e.extract("So it is 7 apples")).isEqualTo(new Extraction("7", "last-number"));
        assertThat(e.extract("I cannot tell")).isEqualTo(new Extraction(null, "none"));
        assertThat(e.extract("")).isEqualTo(new Extraction(null, "none"));
        assertThat(e.extract(null)).isEqualTo(new Extraction(null, "none"));
        assertThat(e.ruleNames()).containsExactly("json-field:answer", "gsm8k-hash", "last-number");
    }

    @Test
    void unknownRulesAndLabelWithoutLabelsAreRefused() {
        assertThatThrownBy(() -> ExtractionRules.byName("regex", List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'regex'")
                .hasMessageContaining("gsm8k-hash");
        assertThatThrownBy(() -> ExtractionRules.byName("label", List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("labels");
        assertThat(ExtractionRules.byName("json-field:final", List.of()).name()).isEqualTo("json-field:final");
    }
}
