package dev.noesis.lab.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.noesis.core.error.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Training text as the model will see it at run time: a user turn rendered by the chat template
 * of {@link dev.noesis.jlama.tiny.TinyModelWriter#CHAT_TEMPLATE} (which the exported model
 * ships), BOS first, encoded by the HuggingFace tokenizers library from the model's own
 * {@code tokenizer.json}: the library and the rules Noesis's Jlama adapter encodes prompts with.
 */
public final class ChatCodec implements AutoCloseable {

    private static final Map<String, String> OPTIONS =
            Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

    private final HuggingFaceTokenizer tokenizer;
    private final int endOfTurn;

    private ChatCodec(HuggingFaceTokenizer tokenizer, int endOfTurn) {
        this.tokenizer = tokenizer;
        this.endOfTurn = endOfTurn;
    }

    /** The codec of the {@code tokenizer.json} in {@code dir}. */
    public static ChatCodec open(Path dir, int endOfTurn) {
        Path file = dir.resolve("tokenizer.json");
        try {
            return new ChatCodec(HuggingFaceTokenizer.newInstance(file, OPTIONS), endOfTurn);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException("The tokenizer " + file + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** What the template renders for one user message, generation prompt included. */
    public static String render(String userText) {
        return render("", userText);
    }

    /**
     * What the template renders for a system text (none when empty, as Noesis's Jlama adapter
     * leaves an empty one out) and one user message, generation prompt included.
     */
    public static String render(String system, String userText) {
        String head = system.isEmpty() ? "" : "<|system|>\n" + system + "<|end|>\n";
        return head + "<|user|>\n" + userText + "<|end|>\n<|assistant|>\n";
    }

    /** The token ids of a one-message prompt: what the model reads before it answers. */
    public int[] prompt(String userText) {
        return prompt("", userText);
    }

    /** The token ids of a prompt with a system text (empty for none) and one user message. */
    public int[] prompt(String system, String userText) {
        return withBos(encode(render(system, userText)));
    }

    /**
     * A prompt and its answer, closed by the end-of-turn token, as one sequence. The answer starts
     * with a space, so its first word carries the word-start marker it has inside a sentence and
     * the model can copy an answer from the evidence token for token; the decoder strips that
     * space again.
     *
     * @throws IllegalArgumentException if the answer's tokens would change the prompt's (a merge
     *     across the boundary), since the model would then be trained on a prompt it never gets
     */
    public Sequence example(String userText, String answer) {
        return example("", userText, answer);
    }

    /** {@link #example(String, String)} under a system text (empty for none). */
    public Sequence example(String system, String userText, String answer) {
        int[] prompt = prompt(system, userText);
        int[] all = withBos(encode(render(system, userText) + " " + answer + "<|end|>"));
        if (all.length <= prompt.length || !Arrays.equals(prompt, 0, prompt.length, all, 0, prompt.length)) {
            throw new IllegalArgumentException("the answer '" + answer + "' changes the tokens of its prompt");
        }
        return new Sequence(all, prompt.length);
    }

    /** A training sequence: tokens, and where the answer (the part the loss is taken on) starts. */
    public record Sequence(int[] tokens, int answerStart) {}

    public int endOfTurn() {
        return endOfTurn;
    }

    /** The text of {@code ids}, special tokens left out. */
    public String decode(int[] ids) {
        return tokenizer.decode(Arrays.stream(ids).asLongStream().toArray(), true);
    }

    private int[] encode(String text) {
        return Arrays.stream(tokenizer.encode(text, false, false).getIds())
                .mapToInt(Math::toIntExact)
                .toArray();
    }

    private static int[] withBos(int[] ids) {
        int[] out = new int[ids.length + 1];
        out[0] = LabTokenizer.BOS;
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
