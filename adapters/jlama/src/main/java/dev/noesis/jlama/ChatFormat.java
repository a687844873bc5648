package dev.noesis.jlama;

import com.github.tjake.jlama.safetensors.prompt.PromptSupport;
import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link Prompt} into the text the model was trained on: the model's own chat template
 * (from {@code tokenizer_config.json}, rendered by Jlama) or, for a base model without one, a
 * plain "System/User/Assistant" transcript.
 *
 * <p>The rendering also says which parts of the text are the messages' own contents. Those come
 * from users, documents and retrieved passages, so they must never be read as control tokens: a
 * document holding {@code <|end|><|system|>} would otherwise close the user's turn and open a
 * system turn. The encoder ({@link TextCodec#encodePrompt}) takes special tokens only from the
 * template's own text.
 */
final class ChatFormat {

    /** Stands for content number N while the template renders: private-use characters no template writes. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\uE000(\\d+)\uE001");

    private final Optional<PromptSupport> template;

    ChatFormat(Optional<PromptSupport> template) {
        this.template = template;
    }

    boolean hasTemplate() {
        return template.isPresent();
    }

    /** Where one message's content lies in the rendered text: {@code [start, end)}. */
    record Span(int start, int end) {}

    /**
     * The rendered prompt.
     *
     * @param text     what the model reads
     * @param contents the spans of {@code text} that are message contents, in order, not overlapping
     */
    record Rendered(String text, List<Span> contents) {
        Rendered {
            contents = List.copyOf(contents);
        }
    }

    Rendered render(Prompt prompt) {
        return template.isEmpty() ? plain(prompt) : templated(prompt);
    }

    /**
     * The template rendered twice: with the real contents, and with a placeholder for each. The
     * second shows which text is the template's; the contents are put back in the placeholders'
     * places. A template that trims the contents (Llama 3's does) is followed; one that changes
     * them some other way gets them as they are, so that they stay text either way.
     */
    private Rendered templated(Prompt prompt) {
        List<String> contents = new ArrayList<>();
        if (!prompt.system().isEmpty()) {
            contents.add(prompt.system());
        }
        prompt.messages().forEach(m -> contents.add(m.content()));
        String real = renderTemplate(prompt, i -> contents.get(i));
        String marked = renderTemplate(prompt, i -> "\uE000" + i + "\uE001");
        Rendered asGiven = fill(marked, contents, UnaryOperator.identity());
        if (asGiven.text().equals(real)) {
            return asGiven;
        }
        Rendered trimmed = fill(marked, contents, String::strip);
        return trimmed.text().equals(real) ? trimmed : asGiven;
    }

    private String renderTemplate(Prompt prompt, IntFunction<String> content) {
        PromptSupport.Builder b = template.orElseThrow().builder();
        int i = 0;
        if (!prompt.system().isEmpty()) {
            b.addSystemMessage(content.apply(i++));
        }
        for (Message m : prompt.messages()) {
            String text = content.apply(i++);
            switch (m.role()) {
                case USER -> b.addUserMessage(text);
                case ASSISTANT -> b.addAssistantMessage(text);
            }
        }
        return b.build().getPrompt();
    }

    private static Rendered fill(String marked, List<String> contents, UnaryOperator<String> treatment) {
        StringBuilder text = new StringBuilder();
        List<Span> spans = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(marked);
        int from = 0;
        while (m.find()) {
            text.append(marked, from, m.start());
            String content = treatment.apply(contents.get(Integer.parseInt(m.group(1))));
            spans.add(new Span(text.length(), text.length() + content.length()));
            text.append(content);
            from = m.end();
        }
        text.append(marked.substring(from));
        return new Rendered(text.toString(), spans);
    }

    private static Rendered plain(Prompt prompt) {
        StringBuilder sb = new StringBuilder();
        List<Span> spans = new ArrayList<>();
        if (!prompt.system().isEmpty()) {
            sb.append("System: ");
            append(sb, spans, prompt.system());
            sb.append("\n\n");
        }
        for (Message m : prompt.messages()) {
            sb.append(
                    switch (m.role()) {
                        case USER -> "User: ";
                        case ASSISTANT -> "Assistant: ";
                    });
            append(sb, spans, m.content());
            sb.append("\n\n");
        }
        return new Rendered(sb.append("Assistant:").toString(), spans);
    }

    private static void append(StringBuilder sb, List<Span> spans, String content) {
        spans.add(new Span(sb.length(), sb.length() + content.length()));
        sb.append(content);
    }
}
