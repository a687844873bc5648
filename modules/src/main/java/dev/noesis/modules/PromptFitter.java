package dev.noesis.modules;

import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredOutput;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.Templates;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.core.thought.ThoughtState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * A module's prompt in the shared layout ({@link ModulePrompts}), fitted to the model's context:
 * the prompt and the tokens asked for the answer must fit in it, and what the run gathered
 * (passages, memory statements, cues, a draft under review) can hold more than that. A question
 * of eight words must not fail because the retriever found long passages.
 *
 * <p>When the prompt is too long, what matters least goes first, and the trace says what went:
 * <ol>
 * <li>evidence, lowest score first (ties: the one found later); the best of those left out is then
 *     put back cut to the room that is left, when enough room is left for a useful part;</li>
 * <li>cues for reasoning, the last added (the least useful) first;</li>
 * <li>earlier turns of the conversation, oldest first;</li>
 * <li>the text the module's task quotes (the draft a critic judges, the answer facts are drawn
 *     from), cut at its end.</li>
 * </ol>
 * The question, the system text and the task's own words are never cut: a prompt that is too long
 * without anything of the run in it is the input's problem, and the model says so.
 *
 * <p>The room kept for the answer is the tokens asked for, but at most half the context: a request
 * for more would leave the prompt no room for evidence, and the model stops at its context's end
 * anyway.
 */
public final class PromptFitter {

    /** A passage is put back cut only when at least this much of it fits: less is not worth a reader's while. */
    static final int MIN_CUT_CHARS = 200;

    static final String CUT_MARK = " […]";

    private final Templates templates;
    private final ThoughtState state;
    private final String system;
    private final Map<String, Object> taskValues = new HashMap<>();
    private String taskModule;
    private String taskName;
    private String quotedKey;
    private String quoted;
    private JsonSchema schema;

    private PromptFitter(Templates templates, ThoughtState state, String system) {
        this.templates = Objects.requireNonNull(templates, "templates");
        this.state = Objects.requireNonNull(state, "state");
        this.system = Objects.requireNonNull(system, "system");
    }

    /** A prompt with the question and context of {@code state}, under {@code system}. */
    public static PromptFitter of(Templates templates, ThoughtState state, String system) {
        return new PromptFitter(templates, state, system);
    }

    /** The module's task, the template {@code module/name}, rendered with the shared values and those given here. */
    public PromptFitter task(String module, String name) {
        this.taskModule = module;
        this.taskName = name;
        return this;
    }

    /** A value of the task's template. */
    public PromptFitter with(String key, Object value) {
        taskValues.put(key, value);
        return this;
    }

    /** A text the task quotes (a draft, an answer), which may be cut at its end as the last resort. */
    public PromptFitter quoting(String key, String text) {
        this.quotedKey = key;
        this.quoted = text;
        taskValues.put(key, text);
        return this;
    }

    /**
     * The prompt is for structured output under {@code schema}: the instruction the model adds
     * for it (see {@link StructuredOutput#instruct}) is counted too.
     */
    public PromptFitter structured(JsonSchema schema) {
        this.schema = schema;
        return this;
    }

    /**
     * The prompt, cut to fit {@code context}'s model with room for {@code maxNewTokens}; what was
     * left out or cut is noted in the step's trace. Nothing is cut for a model whose context is
     * not known.
     */
    public Prompt fit(StepContext context, int maxNewTokens) {
        LanguageModel model = context.model();
        PromptContent all = PromptContent.of(state);
        Prompt whole = build(all, quoted);
        int window = model.contextLength();
        if (window == Integer.MAX_VALUE) {
            return whole;
        }
        // At least one token of room: a prompt that fills the whole context leaves the model nothing to write.
        int reserve = Math.max(1, Math.min(maxNewTokens, window / 2));
        int budget = window - reserve;
        int wholeTokens = count(model, whole);
        if (wholeTokens <= budget) {
            return whole;
        }
        Fitting f = new Fitting(model, budget, all);
        List<String> cuts = new ArrayList<>();
        f.evidence(cuts);
        if (!f.fits()) {
            f.hints(cuts);
        }
        if (!f.fits()) {
            f.history(cuts);
        }
        if (!f.fits()) {
            f.quoted(cuts);
        }
        String why = String.format(
                java.util.Locale.ROOT,
                "with everything the prompt is %d tokens; the model holds %d, %d of them kept for the answer: %d for the prompt",
                wholeTokens,
                window,
                reserve,
                budget);
        for (String cut : cuts) {
            context.note(cut, why);
        }
        if (!f.fits()) {
            context.note(
                    "the prompt is still " + f.tokens + " tokens",
                    "the question, the system text and the task alone" + " do not fit in " + budget
                            + " tokens; nothing more can be cut");
        }
        return f.prompt;
    }

    /** The tokens the model will be given: with structured output's instruction, when there is one. */
    private int count(LanguageModel model, Prompt prompt) {
        return model.countTokens(schema == null ? prompt : StructuredOutput.instruct(prompt, schema));
    }

    private Prompt build(PromptContent content, String quotedText) {
        String task = "";
        if (taskModule != null) {
            Map<String, Object> values = ModulePrompts.values(content);
            values.putAll(taskValues);
            if (quotedKey != null) {
                values.put(quotedKey, quotedText);
            }
            task = templates.render(taskModule, taskName, values);
        }
        return ModulePrompts.prompt(templates, content, system, task);
    }

    /** One fitting in progress: what is shown so far, and its size. */
    private final class Fitting {
        private final LanguageModel model;
        private final int budget;
        PromptContent content;
        String quotedText = quoted;
        Prompt prompt;
        int tokens;

        Fitting(LanguageModel model, int budget, PromptContent content) {
            this.model = model;
            this.budget = budget;
            show(content, quoted);
        }

        boolean fits() {
            return tokens <= budget;
        }

        private void show(PromptContent c, String q) {
            content = c;
            quotedText = q;
            prompt = build(c, q);
            tokens = count(model, prompt);
        }

        private boolean fitsWith(PromptContent c, String q) {
            return count(model, build(c, q)) <= budget;
        }

        /** Keeps the best-scored evidence that fits, then puts back the best of the rest, cut, if enough of it fits. */
        void evidence(List<String> cuts) {
            List<PromptContent.Shown> ranked = new ArrayList<>(content.evidence());
            ranked.sort(Comparator.comparingDouble(
                            (PromptContent.Shown s) -> -s.item().score())
                    .thenComparingInt(PromptContent.Shown::number));
            if (ranked.isEmpty()) {
                return;
            }
            int keep = largest(
                    ranked.size() - 1,
                    n -> fitsWith(content.withEvidence(inStateOrder(ranked.subList(0, n))), quotedText));
            List<PromptContent.Shown> kept = new ArrayList<>(ranked.subList(0, keep));
            List<PromptContent.Shown> left = ranked.subList(keep, ranked.size());
            PromptContent.Shown best = left.get(0);
            int length = best.text().length();
            int room = largest(
                    length - 1,
                    n -> fitsWith(content.withEvidence(inStateOrder(with(kept, cut(best, n)))), quotedText));
            List<PromptContent.Shown> dropped = left;
            if (room >= MIN_CUT_CHARS) {
                kept.add(cut(best, room));
                dropped = left.subList(1, left.size());
                cuts.add("evidence [" + best.number() + "] cut to " + room + " of " + length + " characters");
            }
            if (!dropped.isEmpty()) {
                cuts.add("left out of the prompt: evidence " + numbers(dropped) + " (the lowest scored: "
                        + String.format(
                                java.util.Locale.ROOT,
                                "%.3f",
                                dropped.get(dropped.size() - 1).item().score())
                        + " and up), " + kept.size() + " of " + ranked.size() + " items kept");
            }
            show(content.withEvidence(inStateOrder(kept)), quotedText);
        }

        /** Keeps the first cues, the most useful, that fit. */
        void hints(List<String> cuts) {
            int all = content.hints().size();
            if (all == 0) {
                return;
            }
            int keep = largest(
                    all - 1, n -> fitsWith(content.withHints(content.hints().subList(0, n)), quotedText));
            cuts.add("left out of the prompt: " + (all - keep) + " of " + all
                    + " cues for reasoning, the last added first");
            show(content.withHints(content.hints().subList(0, keep)), quotedText);
        }

        /** Keeps the latest turns of the conversation that fit. */
        void history(List<String> cuts) {
            List<Message> turns = content.history();
            if (turns.isEmpty()) {
                return;
            }
            int keep = largest(
                    turns.size() - 1,
                    n -> fitsWith(content.withHistory(turns.subList(turns.size() - n, turns.size())), quotedText));
            cuts.add("left out of the prompt: the " + (turns.size() - keep) + " oldest of " + turns.size()
                    + " earlier messages");
            show(content.withHistory(turns.subList(turns.size() - keep, turns.size())), quotedText);
        }

        /** Cuts the quoted text at its end, to what fits. */
        void quoted(List<String> cuts) {
            if (quoted == null || quoted.isEmpty()) {
                return;
            }
            int length = quoted.length();
            int keep = largest(length - 1, n -> fitsWith(content, cutText(quoted, n)));
            cuts.add("the quoted " + quotedKey + " cut to " + keep + " of " + length + " characters");
            show(content, cutText(quoted, keep));
        }
    }

    /** The largest n in [0, max] for which {@code fits} holds, fits being true up to some n and false after; 0 when none. */
    private static int largest(int max, IntPredicate fits) {
        int lo = 0;
        int hi = max;
        while (lo < hi) {
            int mid = lo + (hi - lo + 1) / 2;
            if (fits.test(mid)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static List<PromptContent.Shown> inStateOrder(List<PromptContent.Shown> items) {
        List<PromptContent.Shown> out = new ArrayList<>(items);
        out.sort(Comparator.comparingInt(PromptContent.Shown::number));
        return out;
    }

    private static List<PromptContent.Shown> with(List<PromptContent.Shown> items, PromptContent.Shown one) {
        List<PromptContent.Shown> out = new ArrayList<>(items);
        out.add(one);
        return out;
    }

    private static PromptContent.Shown cut(PromptContent.Shown s, int chars) {
        return new PromptContent.Shown(s.number(), s.item(), cutText(s.text(), chars));
    }

    /** The first {@code chars} characters, back to the end of a word when one ends near, and a mark that the rest is missing. */
    static String cutText(String text, int chars) {
        if (chars >= text.length()) {
            return text;
        }
        int end = chars;
        int space = text.lastIndexOf(' ', end);
        if (space > 0 && chars - space <= 40) {
            end = space;
        }
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).stripTrailing() + CUT_MARK;
    }

    private static String numbers(List<PromptContent.Shown> items) {
        return String.join(
                ", ",
                inStateOrder(items).stream().map(s -> "[" + s.number() + "]").toList());
    }
}
