package dev.noesis.benchmarks.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.memory.RecallOptions;
import dev.noesis.memory.GraphAccess;
import dev.noesis.memory.Neo4jMemory;
import dev.noesis.memory.importer.ImportListener;
import dev.noesis.memory.importer.TwoWikiImporter;
import dev.noesis.memory.importer.WordNetImporter;
import dev.noesis.memory.testing.TestNeo4j;
import dev.noesis.memory.testing.WordNetSlices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.dictionary.Dictionary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory measurements, through the real server. */
class MemoryBenchTest {

    @TempDir
    Path dir;

    private Neo4jMemory memory;

    @BeforeEach
    void open() {
        memory = TestNeo4j.freshMemory();
    }

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void multiHopAnswersIsAQuestionsByPathSearch() throws JWNLException {
        Dictionary dictionary = WordNetImporter.dictionary();
        Set<Long> dogs = WordNetSlices.dogs(dictionary);
        new WordNetImporter(GraphAccess.of(memory), 100)
                .run(dictionary, s -> s.getPOS() == POS.NOUN && dogs.contains(s.getOffset()), ImportListener.NONE);

        var r = MemoryBench.multiHop(
                memory,
                List.of(
                        new HypernymQuestions.Question("toy poodle", "dog", 2, true, "", ""),
                        new HypernymQuestions.Question("toy poodle", "hunting dog", 2, false, "", "")),
                6,
                i -> {});
        assertThat(r.accuracy()).isEqualTo(1.0);
        assertThat(r.examples()).anyMatch(e -> e.contains("toy poodle -hypernym-> poodle"));
    }

    @Test
    void twoWikiQuestionsRecallTheirEvidence() throws IOException {
        Path file = dir.resolve("2wiki.json");
        Files.writeString(file, """
                [
                  {"_id": "q1", "type": "compositional", "question": "Who is the mother of the director of film Zorba?",
                   "evidences": [["Zorba", "director", "Michael Cacoyannis"], ["Michael Cacoyannis", "mother", "Angeliki Efthymiou"]],
                   "answer": "Angeliki Efthymiou"},
                  {"_id": "q2", "type": "comparison", "question": "bad", "evidences": [["only two", "parts"]]},
                  {"_id": "q3", "type": "comparison", "question": "Which film came out first, Zorba or Stella?",
                   "evidences": [["Zorba", "publication date", "1964"], ["Stella", "publication date", "1955"]], "answer": "Stella"}
                ]
                """);
        new TwoWikiImporter(memory, 100).run(file, ImportListener.NONE);

        List<TwoWikiImporter.Question> questions = TwoWikiImporter.questions(file, new ArrayList<>());
        MemoryBench.TwoWiki bench =
                MemoryBench.twoWiki(memory, questions, List.of(5, 20), RecallOptions.DEFAULTS.withLimit(50), i -> {});
        assertThat(bench.questions()).isEqualTo(2);
        assertThat(bench.allGold().get(20)).isEqualTo(1.0);
    }
}
