package dev.noesis.jlama;

import com.github.tjake.jlama.safetensors.prompt.PromptSupport;
import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;
import java.util.Optional;

/**
 * Renders a {@link Prompt} into the text the model was trained on: the model's own chat template
 * (from {@code tokenizer_config.json}, rendered by Jlama) or, for a base model without one, a
 * plain "System/User/Assistant" transcript.
 */
final class ChatFormat {

    private final Optional<PromptSupport> template;

    ChatFormat(Optional<PromptSupport> template) {
        this.template = template;
    }

    boolean hasTemplate() {
        return template.isPresent();
    }

    String render(Prompt prompt) {
        if (template.isEmpty()) {
            return plain(prompt);
        }
        PromptSupport.Builder b = template.get().builder();
        if (!prompt.system().isEmpty()) {
            b.addSystemMessage(prompt.system());
        }
        for (Message m : prompt.messages()) {
            switch (m.role()) {
                case USER -> b.addUserMessage(m.content());
                case ASSISTANT -> b.addAssistantMessage(m.content());
            }
        }
        return b.build().getPrompt();
    }

    private static String plain(Prompt prompt) {
        StringBuilder sb = new StringBuilder();
        if (!prompt.system().isEmpty()) {
            sb.append("System: ").append(prompt.system()).append("\n\n");
        }
        for (Message m : prompt.messages()) {
            sb.append(switch (m.role()) {
                case USER -> "User: ";
                case ASSISTANT -> "Assistant: ";
            }).append(m.content()).append("\n\n");
        }
        return sb.append("Assistant:").toString();
    }
}
