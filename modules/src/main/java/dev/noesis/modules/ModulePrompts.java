package dev.noesis.modules;

import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.module.Templates;
import dev.noesis.core.thought.Hint;
import dev.noesis.core.thought.ThoughtState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The prompt layout every model-calling module shares: the common system text, then a user
 * message that starts with the question and the run's context (plan, evidence, cues) and ends
 * with the module's own task. Calls of one run therefore begin alike, so a backend with a KV
 * cache (Jlama) computes the shared beginning once; the differing task comes last.
 */
public final class ModulePrompts {

    private ModulePrompts() {}

    /** The values every template may use: question, plan, evidence, hints, and flags for their presence. */
    public static Map<String, Object> values(ThoughtState state) {
        return values(PromptContent.of(state));
    }

    /** The values of what a prompt shows: evidence keeps its number in the state. */
    static Map<String, Object> values(PromptContent content) {
        Map<String, Object> v = new HashMap<>();
        v.put("question", content.question());
        List<Map<String, Object>> plan = new ArrayList<>();
        for (int i = 0; i < content.plan().size(); i++) {
            plan.add(Map.of("number", i + 1, "goal", content.plan().get(i)));
        }
        v.put("plan", plan);
        v.put("hasPlan", !plan.isEmpty());
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (PromptContent.Shown e : content.evidence()) {
            evidence.add(Map.of(
                    "number", e.number(), "text", e.text(), "source", e.item().source()));
        }
        v.put("evidence", evidence);
        v.put("hasEvidence", !evidence.isEmpty());
        List<Map<String, Object>> hints = new ArrayList<>();
        for (Hint h : content.hints()) {
            hints.add(Map.of("text", h.text()));
        }
        v.put("hints", hints);
        v.put("hasHints", !hints.isEmpty());
        v.put("hasContext", content.hasContext());
        return v;
    }

    /**
     * A prompt in the shared layout, with all of the state, however long: modules that call a
     * model use {@link PromptFitter}, which fits it to the model's context.
     *
     * @param task the module's own instruction, rendered; empty for none
     */
    public static Prompt prompt(Templates templates, ThoughtState state, String system, String task) {
        return prompt(templates, PromptContent.of(state), system, task);
    }

    static Prompt prompt(Templates templates, PromptContent content, String system, String task) {
        String context = templates.render("common", "context", values(content)).strip();
        StringBuilder user = new StringBuilder(content.question());
        if (!context.isEmpty()) {
            user.append("\n\n").append(context);
        }
        if (!task.isBlank()) {
            user.append("\n\n").append(task.strip());
        }
        List<Message> messages = new ArrayList<>(content.history());
        messages.add(Message.user(user.toString()));
        return new Prompt(system, messages, null);
    }

    /** The text on one line, cut to at most {@code max} characters: for notes in a trace. */
    public static String oneLine(String text, int max) {
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }

    /** The common system text, shared by the modules' calls. */
    public static String system(Templates templates) {
        return templates.render("common", "system", Map.of()).strip();
    }
}
