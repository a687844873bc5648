package dev.noesis.testing;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.Completion;
import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.TokenListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one scripted test double of the {@link LanguageModel} port, for unit tests of orchestration
 * logic: it answers with a function of the prompt and keeps every prompt and setting it was given.
 * It keeps the port's contract ({@link LanguageModelContract} runs against it): a generated "token"
 * is a word with the white space before it, and a prompt's tokens are the port's estimate, so the
 * new-token limit, stop sequences, streaming, interruption and the context limit behave as a real
 * model's do. Its structured output is the port's default
 * (ask, validate, repair) over the scripted replies.
 */
public class ScriptedLanguageModel implements LanguageModel {

    private static final Pattern TOKEN = Pattern.compile("\\s*\\S+|\\s+$");

    /** Every prompt received, in order. */
    public final List<Prompt> prompts = Collections.synchronizedList(new ArrayList<>());
    /** The settings of every call, in order. */
    public final List<GenerationParams> params = Collections.synchronizedList(new ArrayList<>());
    /** Milliseconds to wait before each token (0: none); an interrupt during the wait cancels the call. */
    public volatile long tokenDelayMs;

    private final String name;
    private final Function<Prompt, String> reply;
    private volatile int contextLength = 4096;
    private volatile Figures fixed;

    /** Figures to report for every call instead of the counted ones (for tests that check sums). */
    public record Figures(int promptTokens, long promptMs, long generationMs) {}

    public ScriptedLanguageModel(String name, Function<Prompt, String> reply) {
        this.name = name;
        this.reply = reply;
    }

    public ScriptedLanguageModel(Function<Prompt, String> reply) {
        this("scripted", reply);
    }

    /** A model that always gives the same reply. */
    public static ScriptedLanguageModel replying(String text) {
        return new ScriptedLanguageModel(p -> text);
    }

    public ScriptedLanguageModel withContextLength(int tokens) {
        this.contextLength = tokens;
        return this;
    }

    public ScriptedLanguageModel withFigures(Figures figures) {
        this.fixed = figures;
        return this;
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    /** The last user message of the last call. */
    public String lastUserMessage() {
        Prompt p = prompts.get(prompts.size() - 1);
        return p.messages().get(p.messages().size() - 1).content();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Completion generate(Prompt prompt, GenerationParams p, TokenListener listener) {
        prompts.add(prompt);
        params.add(p);
        int promptTokens = LanguageModel.super.countTokens(prompt);
        if (promptTokens >= contextLength) {
            throw new InvalidInputException(
                    "The prompt is " + promptTokens + " tokens but the context holds " + contextLength + ".");
        }
        long start = System.nanoTime();
        String full = reply.apply(prompt);
        int cut = firstStop(full, p.stopSequences());
        StringBuilder text = new StringBuilder();
        int emitted = 0;
        FinishReason reason = FinishReason.END_OF_SEQUENCE;
        for (String token : tokens(full)) {
            if (emitted == p.maxNewTokens()) {
                reason = FinishReason.MAX_TOKENS;
                break;
            }
            if (promptTokens + emitted >= contextLength) {
                reason = FinishReason.CONTEXT_LIMIT;
                break;
            }
            if (!pause()) {
                reason = FinishReason.CANCELLED;
                break;
            }
            emitted++;
            if (cut >= 0 && text.length() + token.length() > cut) {
                String kept = token.substring(0, cut - text.length());
                if (!kept.isEmpty()) {
                    listener.onText(kept);
                    text.append(kept);
                }
                reason = FinishReason.STOP_SEQUENCE;
                break;
            }
            listener.onText(token);
            text.append(token);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        Figures f = fixed;
        return f == null
                ? new Completion(text.toString(), promptTokens, emitted, 0, 0, ms, reason)
                : new Completion(text.toString(), f.promptTokens(), emitted, 0, f.promptMs(), f.generationMs(), reason);
    }

    /** Waits the token delay; false when the calling thread is interrupted (its flag stays set). */
    private boolean pause() {
        if (Thread.currentThread().isInterrupted()) {
            return false;
        }
        if (tokenDelayMs > 0) {
            try {
                Thread.sleep(tokenDelayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Where the earliest stop sequence begins in {@code text}, or -1. */
    private static int firstStop(String text, List<String> stops) {
        int at = -1;
        for (String s : stops) {
            int i = text.indexOf(s);
            if (i >= 0 && (at < 0 || i < at)) {
                at = i;
            }
        }
        return at;
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text == null ? "" : text);
        while (m.find()) {
            if (!m.group().isEmpty()) {
                out.add(m.group());
            }
        }
        return out;
    }
}
