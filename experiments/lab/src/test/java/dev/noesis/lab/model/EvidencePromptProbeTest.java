package dev.noesis.lab.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.lab.world.World;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading an answer off the evidence is only learnable if the answer's tokens are tokens the
 * prompt holds: a model this small copies ids, it does not re-spell a name. Measured on the CI
 * lab's vocabulary and 400 drill items, through the tokenizer file the exported model ships.
 */
class EvidencePromptProbeTest {

    @TempDir
    Path dir;

    @Test
    void everyDrillAnswerAppearsTokenForTokenInItsEvidence() throws Exception {
        World world = World.generate(21, 90);
        LabPrompts prompts = LabPrompts.of(LabPrompts.writeTemplates(dir.resolve("templates")));
        List<LabTraining.Item> curriculum = LabTraining.curriculum(world, prompts, 1);
        LabTokenizer tokenizer = LabTraining.vocabulary(world, curriculum, LabShape.TINY);
        tokenizer.write(dir);

        List<LabTraining.Item> drills = EvidenceDrills.items(world, prompts, 7, 400);
        int copyable = 0;
        int tooLong = 0;
        try (ChatCodec codec = ChatCodec.open(dir, tokenizer.endOfTurn())) {
            for (LabTraining.Item item : drills) {
                ChatCodec.Sequence seq = codec.example(item.system(), item.prompt(), item.answer());
                int[] prompt = Arrays.copyOf(seq.tokens(), seq.answerStart());
                // The answer's ids without the closing end-of-turn.
                int[] answer = Arrays.copyOfRange(seq.tokens(), seq.answerStart(), seq.tokens().length - 1);
                assertThat(codec.decode(answer)).isEqualTo(item.answer());
                if (seq.tokens().length > LabShape.TINY.context()) {
                    tooLong++;
                }
                if (contains(prompt, answer)) {
                    copyable++;
                }
            }
        }
        System.out.println("drill answers found token for token in their evidence: " + copyable + "/" + drills.size()
                + "; longer than the tiny shape's context (left out of training): " + tooLong);
        assertThat(copyable).isEqualTo(drills.size());
    }

    @Test
    void punctuationStaysOutOfTheMerges() {
        assertThat(LabTokenizer.pieces("Velmora.")).containsExactly("Velmora", ".");
        assertThat(LabTokenizer.pieces("(1962),")).containsExactly("(", "1962", ")", ",");
    }

    private static boolean contains(int[] haystack, int[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
