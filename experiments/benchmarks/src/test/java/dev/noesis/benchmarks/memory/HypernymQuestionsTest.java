package dev.noesis.benchmarks.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.memory.importer.WordNetImporter;
import java.util.List;
import net.sf.extjwnl.dictionary.Dictionary;
import org.junit.jupiter.api.Test;

/** The "is X a kind of Y?" questions, drawn from WordNet's own files. */
class HypernymQuestionsTest {

    @Test
    void questionsAreDeterministicAndTheirNegativesAreNotAncestors() {
        Dictionary dictionary = WordNetImporter.dictionary();
        List<HypernymQuestions.Question> a = HypernymQuestions.generate(dictionary, 10, 7);
        assertThat(a).hasSize(20).isEqualTo(HypernymQuestions.generate(dictionary, 10, 7));
        assertThat(a)
                .filteredOn(HypernymQuestions.Question::expected)
                .hasSize(10)
                .allMatch(q -> q.hops() >= 2 && q.hops() <= 4);
        assertThat(a).filteredOn(q -> !q.expected()).hasSize(10).allMatch(q -> !q.x().equals(q.y()));
    }
}
