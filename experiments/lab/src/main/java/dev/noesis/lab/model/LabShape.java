package dev.noesis.lab.model;

import dev.noesis.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The dimensions of a lab model: a Llama (RMSNorm, rotary attention, SwiGLU) small enough to
 * train on two CPU cores. {@code tiny} is the CI-sized one; {@code small} holds a larger world.
 *
 * @param vocab        tokenizer size (special tokens, 256 byte tokens, characters, learned merges)
 * @param context      longest sequence trained on and written to {@code max_position_embeddings}
 * @param tied         whether the output head is the embedding matrix
 */
public record LabShape(
        String id,
        int vocab,
        int hidden,
        int intermediate,
        int layers,
        int heads,
        int context,
        boolean tied,
        double ropeTheta) {

    public static final LabShape TINY = new LabShape("tiny", 640, 128, 384, 2, 4, 256, true, 10000.0);
    public static final LabShape SMALL = new LabShape("small", 1024, 256, 768, 4, 8, 512, true, 10000.0);

    public LabShape {
        if (hidden % heads != 0 || (hidden / heads) % 2 != 0) {
            throw new InvalidInputException(
                    "hidden size " + hidden + " must split into " + heads + " heads of an even size.");
        }
    }

    public int headDim() {
        return hidden / heads;
    }

    /** Parameters of the model. */
    public long parameters() {
        long perLayer = 4L * hidden * hidden + 3L * hidden * intermediate + 2L * hidden;
        return (long) vocab * hidden * (tied ? 1 : 2) + layers * perLayer + hidden;
    }

    public static LabShape parse(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(new LabShape[] {TINY, SMALL})
                .filter(s -> s.id().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("Unknown lab model size '" + id + "'. Choose one of: "
                        + Arrays.stream(new LabShape[] {TINY, SMALL})
                                .map(LabShape::id)
                                .collect(Collectors.joining(", "))
                        + "."));
    }
}
