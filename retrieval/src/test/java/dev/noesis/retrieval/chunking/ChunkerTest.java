package dev.noesis.retrieval.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    private static String sentence(int i) {
        return "Sentence number " + i + " talks about topic " + (char) ('a' + i % 26)
                + " at some length, for the test.";
    }

    @Test
    void chunksEndAtSentencesAndOverlapByWholeSentences() {
        StringBuilder text = new StringBuilder();
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sentences.add(sentence(i));
            text.append(sentence(i)).append(i % 5 == 4 ? "\n\n" : " ");
        }
        Chunker chunker = new Chunker(300, 100);
        List<Chunk> chunks = chunker.chunkText(text.toString());

        assertThat(chunks.size()).isGreaterThan(5);
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            assertThat(c.index()).isEqualTo(i);
            assertThat(c.text().length()).isLessThanOrEqualTo(300);
            assertThat(c.text()).startsWith("Sentence number ").endsWith("for the test.");
            assertThat(c.section()).isEmpty();
            if (i > 0) {
                // The previous chunk's last sentence opens this one.
                String prev = chunks.get(i - 1).text();
                String last = prev.substring(prev.lastIndexOf("Sentence number "));
                assertThat(c.text()).startsWith(last);
            }
        }
        // Every sentence is in some chunk, in order.
        String all = String.join(" ", chunks.stream().map(Chunk::text).toList());
        int at = 0;
        for (String s : sentences) {
            at = all.indexOf(s, at);
            assertThat(at).as(s).isNotNegative();
        }
    }

    @Test
    void markdownHeadingsStartSectionsWithTheirPath() {
        String md = """
                # Install

                Download the archive. Unpack it.

                ## Linux

                Run the script.

                ```sh
                # not a heading, a shell comment
                ./noesis demo
                ```

                ## macOS ##

                Open the app.

                # Use

                Ask a question.
                """;
        List<Chunk> chunks = Chunker.defaults().chunkMarkdown(md);

        assertThat(chunks)
                .extracting(Chunk::section)
                .containsExactly("Install", "Install > Linux", "Install > macOS", "Use");
        assertThat(chunks.get(0).text()).isEqualTo("Download the archive. Unpack it.");
        assertThat(chunks.get(1).text()).contains("Run the script.").contains("# not a heading, a shell comment");
        assertThat(chunks.get(3).text()).isEqualTo("Ask a question.");
        assertThat(chunks).extracting(Chunk::index).containsExactly(0, 1, 2, 3);
    }

    @Test
    void sentencesLongerThanAChunkAreCutAtWords() {
        String longSentence = "word ".repeat(400).strip() + ".";
        List<Chunk> chunks = new Chunker(200, 50).chunkText(longSentence);
        assertThat(chunks.size()).isGreaterThanOrEqualTo(10);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.text().length()).isLessThanOrEqualTo(200);
            assertThat(c.text()).doesNotStartWith(" ").matches("(word ?)+\\.?");
        });
        assertThat(new Chunker(200, 50).chunkText("x".repeat(450)))
                .extracting(c -> c.text().length())
                .containsExactly(200, 200, 50);
    }

    @Test
    void emptyTextHasNoChunks() {
        assertThat(Chunker.defaults().chunkText(" \n\n \t")).isEmpty();
        assertThat(Chunker.defaults().chunkMarkdown("# Only a heading\n")).isEmpty();
    }
}
