package dev.noesis.experiments.suite.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.experiments.log.Extraction;
import dev.noesis.experiments.suite.SuiteItem;
import dev.noesis.experiments.suite.SuiteSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserSuiteTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aSuiteWithoutYamlIsScoredByExactMatchAndF1() throws IOException {
        Path file = write("capitals.jsonl", """
            {"id": "q1", "question": "Capital of France?", "answer": "Paris"}

            {"id": 2, "question": "Capital of Spain?", "answers": ["Madrid", "Madrid, Spain"], "category": "europe", "source": "atlas"}
            """);

        UserSuite suite = UserSuite.load(file);

        assertThat(suite.name()).isEqualTo("capitals");
        assertThat(suite.metrics()).containsExactly("em", "f1");
        assertThat(suite.items()).extracting(SuiteItem::id).containsExactly("q1", "2");
        SuiteItem second = suite.items().get(1);
        assertThat(second.gold()).containsExactly("Madrid", "Madrid, Spain");
        assertThat(second.category()).isEqualTo("europe");
        assertThat(second.metadata()).containsEntry("source", "atlas");
        assertThat(suite.setup().isEmpty()).isTrue();
        Extraction e = suite.extract("Answer: the Madrid");
        assertThat(e.rule()).isEqualTo("answer-prefix");
        assertThat(suite.score(second, e)).containsEntry("em", 1.0);
    }

    @Test
    void theYamlBesideTheFileSetsMetricExtractionAndInstructions() throws IOException {
        Path file = write(
                "claims.jsonl",
                "{\"id\": \"c1\", \"question\": \"Is the sky green?\", \"answer\": \"no\","
                        + " \"context\": \"The sky is blue.\", \"documents\": [\"The sky is blue.\","
                        + " {\"id\": \"optics\", \"title\": \"Optics\", \"text\": \"Rayleigh scattering.\"}],"
                        + " \"facts\": [{\"s\": \"sky\", \"r\": \"has colour\", \"o\": \"blue\"}]}\n"
                        + "{\"id\": \"c2\", \"question\": \"Is grass green?\", \"answer\": \"yes\"}\n");
        write("claims.yaml", """
            description: Yes or no questions
            metric: accuracy
            extraction: [json-field:answer, label]
            instructions: Answer yes or no.
            """);

        UserSuite suite = UserSuite.load(file);

        assertThat(suite.description()).isEqualTo("Yes or no questions");
        assertThat(suite.instructions()).isEqualTo("Answer yes or no.");
        assertThat(suite.metrics()).containsExactly("accuracy");
        assertThat(suite.corpusMetrics()).extracting(m -> m.name()).containsExactly("macro_f1");
        // Labels come from the gold answers when the YAML gives none; YAML 1.1 reads yes/no as text here.
        assertThat(suite.extract("I would say No.")).isEqualTo(new Extraction("no", "label"));
        assertThat(suite.items().get(0).question())
                .startsWith("Context:\nThe sky is blue.")
                .endsWith("Is the sky green?");
        SuiteSetup setup = suite.setup(suite.items().subList(0, 1));
        assertThat(setup.documents()).extracting(SuiteSetup.SetupDocument::id).containsExactly("c1/doc-1", "optics");
        assertThat(setup.facts()).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("sky");
            assertThat(f.object()).isEqualTo("blue");
        });
        assertThat(suite.answerSchema().orElseThrow().toJson()).contains("\"enum\":[\"no\",\"yes\"]");
    }

    @Test
    void aLineThatIsNotJsonIsReportedWithItsLineNumber() throws IOException {
        Path file = write("bad.jsonl", """
            {"id": "q1", "question": "a?", "answer": "b"}
            {"id": "q2", "question": "c?", "answer": "d"
            """);

        assertThatThrownBy(() -> UserSuite.load(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ":2: this line is not JSON");
    }

    @Test
    void anItemWithoutGoldIsReportedWithItsLine() throws IOException {
        Path file = write("nogold.jsonl", """
            {"id": "q1", "question": "a?", "answer": "b"}

            {"id": "q2", "question": "c?", "answers": []}
            """);

        assertThatThrownBy(() -> UserSuite.load(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ":3: item 'q2' has no gold answer");
    }

    @Test
    void aRepeatedIdNamesBothLines() throws IOException {
        Path file = write("dup.jsonl", """
            {"id": "q1", "question": "a?", "answer": "b"}
            {"id": "q2", "question": "c?", "answer": "d"}
            {"id": "q1", "question": "e?", "answer": "f"}
            """);

        assertThatThrownBy(() -> UserSuite.load(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ":3: the id 'q1' is used again")
                .hasMessageContaining(file + ":1");
    }

    @Test
    void itemsNeedAnIdAndAQuestionAndFactsNeedTheirParts() throws IOException {
        Path noId = write("noid.jsonl", "{\"question\": \"a?\", \"answer\": \"b\"}\n");
        Path badFact = write(
                "fact.jsonl",
                "{\"id\": \"x\", \"question\": \"a?\", \"answer\": \"b\", \"facts\": [{\"s\": \"a\", \"r\": \"b\"}]}\n");
        Path array = write("array.jsonl", "[1, 2]\n");

        assertThatThrownBy(() -> UserSuite.load(noId)).hasMessageStartingWith(noId + ":1: the item has no \"id\"");
        assertThatThrownBy(() -> UserSuite.load(badFact)).hasMessageStartingWith(badFact + ":1: fact 1 of item 'x'");
        assertThatThrownBy(() -> UserSuite.load(array)).hasMessageStartingWith(array + ":1: expected a JSON object");
        assertThatThrownBy(() -> UserSuite.load(dir.resolve("missing.jsonl")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing.jsonl does not exist");
    }

    @Test
    void yamlErrorsNameTheLineAndColumn() throws IOException {
        Path file = write("s.jsonl", "{\"id\": \"q1\", \"question\": \"a?\", \"answer\": \"1\"}\n");
        Path badMetric = write("metric.yaml", "description: x\nmetric: bleu\n");
        Path badKey = write("key.yaml", "metric: em\nmetrics: f1\n");
        Path badRule = write("rule.yaml", "metric: numeric\nextraction:\n  - gsm8k-hash\n  - regex\n");
        Path notYaml = write("broken.yaml", "metric: [em\n");

        assertThatThrownBy(() -> UserSuite.load(file, badMetric))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(badMetric + ":2:9: expected a metric: em, f1, numeric, accuracy, not 'bleu'");
        assertThatThrownBy(() -> UserSuite.load(file, badKey)).hasMessageStartingWith(badKey + ":2:1: expected one of");
        assertThatThrownBy(() -> UserSuite.load(file, badRule))
                .hasMessageStartingWith(badRule + ":3:3: Unknown extraction rule 'regex'");
        assertThatThrownBy(() -> UserSuite.load(file, notYaml)).hasMessageContaining("not valid YAML");
    }

    @Test
    void aNumericSuiteUsesTheNumericDefaults() throws IOException {
        Path file = write("math.jsonl", "{\"id\": \"m1\", \"question\": \"2+2?\", \"answer\": \"4\"}\n");
        Path yaml = write("math.yml", "metric: numeric\n");

        UserSuite suite = UserSuite.load(file);

        assertThat(UserSuite.besideYaml(file)).contains(yaml.toAbsolutePath());
        assertThat(suite.metrics()).containsExactly("numeric");
        assertThat(suite.extractionRules())
                .containsExactly("json-field:answer", "gsm8k-hash", "answer-prefix", "last-number");
        Extraction e = suite.extract("2 + 2 makes 4.0");
        assertThat(suite.score(suite.items().get(0), e)).containsEntry("numeric", 1.0);
    }

    @Test
    void theLabelRuleTakesItsLabelsFromTheGoldAnswersWhenTheYamlGivesNone() throws IOException {
        Path file = write(
                "colours.jsonl",
                "{\"id\": \"1\", \"question\": \"Sky?\", \"answer\": \"blue\"}\n"
                        + "{\"id\": \"2\", \"question\": \"Grass?\", \"answer\": \"green\"}\n");
        Path yaml = write("colours-config.yaml", "metric: em\nextraction: label\n");

        UserSuite suite = UserSuite.load(file, yaml);

        assertThat(suite.extract("It is green, not blue")).isEqualTo(new Extraction("green", "label"));
        assertThat(suite.score(suite.items().get(1), suite.extract("greens"))).containsEntry("em", 1.0);
    }
}
