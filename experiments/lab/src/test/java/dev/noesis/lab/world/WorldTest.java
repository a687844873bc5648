package dev.noesis.lab.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
        Path a = WorldWriter.write(World.generate(7, 120), tmp.resolve("a"));
        Path b = WorldWriter.write(World.generate(7, 120), tmp.resolve("b"));
        Path c = WorldWriter.write(World.generate(8, 120), tmp.resolve("c"));
        Map<String, byte[]> filesA = files(a);
        Map<String, byte[]> filesB = files(b);
        assertThat(filesA.keySet()).isEqualTo(filesB.keySet()).contains("triples.jsonl", "questions/held-out.jsonl");
        filesA.forEach((name, bytes) -> assertThat(filesB.get(name)).as(name).isEqualTo(bytes));
        assertThat(Files.readAllBytes(c.resolve("triples.jsonl")))
                .isNotEqualTo(Files.readAllBytes(a.resolve("triples.jsonl")));
    }

    @Test
    void noTwoEntitiesShareANameOrANameWord() {
        World w = World.generate(3, 2000);
        List<String> names = new ArrayList<>();
        w.countries().forEach(x -> names.add(x.name()));
        w.cities().forEach(x -> names.add(x.name()));
        w.companies().forEach(x -> names.add(x.name()));
        w.people().forEach(x -> names.add(x.name()));
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        Map<String, String> ownerOfWord = new HashMap<>();
        Set<String> companyKinds = Set.of("Works", "Labs", "Systems", "Foods", "Motors", "Media", "Textiles");
        for (String name : names) {
            for (String word : name.split(" ")) {
                if (companyKinds.contains(word)) {
                    continue;
                }
                String before = ownerOfWord.putIfAbsent(word.toLowerCase(), name);
                assertThat(before).as("the word %s of %s", word, name).isNull();
            }
        }
    }

    @Test
    void everyGoldAnswerFollowsFromItsEvidenceAndTheEvidenceIsInTheTriples() throws IOException {
        Path dir = WorldWriter.write(World.generate(11, 150), tmp.resolve("w"));
        Set<String> triples = new HashSet<>(Files.readAllLines(dir.resolve("triples.jsonl")));
        List<JsonNode> questions = new ArrayList<>(read(dir.resolve("questions/trained.jsonl")));
        questions.addAll(read(dir.resolve("questions/held-out.jsonl")));
        Map<String, Integer> perCategory = new TreeMap<>();
        for (JsonNode q : questions) {
            List<JsonNode> ev = new ArrayList<>();
            q.get("evidence").forEach(ev::add);
            for (JsonNode e : ev) {
                assertThat(triples).as(q.get("id").asText()).contains(JSON.writeValueAsString(e));
            }
            String answer = q.get("answer").asText();
            String category = q.get("category").asText();
            perCategory.merge(category, 1, Integer::sum);
            switch (category) {
                case "1-hop" -> {
                    assertThat(ev).hasSize(1);
                    assertThat(answer).isEqualTo(ev.get(0).get("o").asText());
                    assertThat(q.get("question").asText())
                            .contains(ev.get(0).get("s").asText());
                }
                case "2-hop" -> {
                    assertThat(ev).hasSize(2);
                    assertThat(ev.get(1).get("s").asText())
                            .isEqualTo(ev.get(0).get("o").asText());
                    assertThat(answer).isEqualTo(ev.get(1).get("o").asText());
                }
                case "comparison" -> {
                    JsonNode earlier =
                            ev.get(0).get("o").asInt() < ev.get(1).get("o").asInt() ? ev.get(0) : ev.get(1);
                    assertThat(answer).isEqualTo(earlier.get("s").asText());
                }
                case "arithmetic" ->
                    assertThat(Integer.parseInt(answer))
                            .isEqualTo(Math.abs(ev.get(0).get("o").asInt()
                                    - ev.get(1).get("o").asInt()))
                            .isPositive();
                default -> throw new AssertionError("unknown category " + category);
            }
        }
        assertThat(perCategory).containsOnlyKeys("1-hop", "2-hop", "comparison", "arithmetic");
        assertThat(perCategory.values()).allMatch(n -> n >= 20);
    }

    @Test
    void twoHopQuestionsNeedBothFacts() {
        World w = World.generate(5, 200);
        List<Question> twoHop = w.questions().stream()
                .filter(q -> q.category().equals(Question.TWO_HOP))
                .toList();
        assertThat(twoHop).hasSizeBetween(300, 400);
        for (Question q : twoHop) {
            Fact first = q.evidence().get(0);
            Fact second = q.evidence().get(1);
            // The bridge entity is not named in the question, and no single fact links the
            // question's subject to the answer.
            assertThat(q.question()).doesNotContain(first.object()).contains(first.subject());
            assertThat(w.facts())
                    .noneMatch(f ->
                            f.subject().equals(first.subject()) && f.object().equals(second.object()));
        }
    }

    @Test
    void theSplitKeepsHeldOutFactsOutOfTheTrainingFile() throws IOException {
        World w = World.generate(9, 90);
        Path dir = WorldWriter.write(w, tmp.resolve("w"));
        Set<String> trained = new HashSet<>(Files.readAllLines(dir.resolve("split/trained.jsonl")));
        List<String> heldOut = Files.readAllLines(dir.resolve("split/held-out.jsonl"));
        assertThat(heldOut).hasSize(3 * 30).noneMatch(trained::contains);
        assertThat(trained.size() + heldOut.size())
                .isEqualTo(Files.readAllLines(dir.resolve("triples.jsonl")).size());
        assertThat(w.questions(false)).allMatch(q -> q.evidence().stream().anyMatch(f -> !f.trained()));
        assertThat(w.questions(true)).allMatch(q -> q.evidence().stream().allMatch(Fact::trained));
        // Documents cover held-out facts too: that is where retrieval finds them.
        String docs = String.join("\n", w.documents().values());
        w.facts().stream()
                .filter(f -> !f.trained())
                .forEach(f -> assertThat(docs).contains(f.object()));
        assertThat(Files.readString(dir.resolve("questions/held-out.yaml"))).contains("metric: em");
    }

    @Test
    void taskDomainsWriteEachDigitInTheirFormatAndKeepTestItemsOutOfTraining() {
        assertThat(TaskDomain.LETTERS.answer(23, 45)).isEqualTo("gi");
        assertThat(TaskDomain.COMPLEMENT.answer(23, 45)).isEqualTo("31");
        assertThat(TaskDomain.PLAIN.answer(23, 45)).isEqualTo("68");
        TaskDomain.Split s = TaskDomain.LETTERS.items(1, 200);
        assertThat(s.test()).hasSize(200);
        Set<String> testPrompts = new HashSet<>();
        s.test().forEach(t -> testPrompts.add(t.prompt()));
        assertThat(s.train()).hasSize(1600 - 200).noneMatch(t -> testPrompts.contains(t.prompt()));
    }

    @Test
    void aSizeOutOfRangeIsRefusedWithTheRange() {
        assertThatThrownBy(() -> World.generate(1, 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("8 to 20000");
    }

    private static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
