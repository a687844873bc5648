package dev.noesis.cli.terminal;

import dev.noesis.core.model.Message;
import dev.noesis.core.run.Usage;
import dev.noesis.core.trace.ModelCall;
import dev.noesis.core.trace.Note;
import dev.noesis.core.trace.Span;
import dev.noesis.core.trace.Trace;
import dev.noesis.orchestrator.RunResult;

/** Renders a run's trace for people: one block per step, its model calls with prompt and output, and the totals. */
public final class TraceFormatter {

    private TraceFormatter() {}

    public static String format(RunResult result) {
        Trace trace = result.trace();
        StringBuilder sb = new StringBuilder();
        sb.append("Trace of run ").append(trace.runId()).append('\n');
        sb.append("  pipeline ")
                .append(trace.pipeline())
                .append(" · model ")
                .append(trace.model())
                .append('\n');
        for (Span span : trace.spans()) {
            sb.append("step ")
                    .append(span.step())
                    .append(" · ")
                    .append(span.module())
                    .append(" · ")
                    .append(span.where())
                    .append(" · ")
                    .append(span.durationMs())
                    .append(" ms");
            if (!span.calls().isEmpty()) {
                sb.append(" (model ").append(span.modelMs()).append(" ms)");
            }
            sb.append('\n');
            if (!span.config().isEmpty()) {
                sb.append("  config: ").append(span.config()).append('\n');
            }
            int n = 1;
            for (ModelCall call : span.calls()) {
                sb.append("  model call ")
                        .append(n++)
                        .append(": ")
                        .append(call.promptTokens())
                        .append(" prompt tokens");
                if (call.reusedPromptTokens() > 0) {
                    sb.append(" (").append(call.reusedPromptTokens()).append(" reused from the session cache)");
                }
                sb.append(" in ")
                        .append(call.promptMs())
                        .append(" ms, ")
                        .append(call.completionTokens())
                        .append(" new tokens in ")
                        .append(call.generationMs())
                        .append(" ms, ended by ")
                        .append(call.finishReason())
                        .append('\n');
                sb.append("    prompt:\n");
                if (!call.prompt().system().isEmpty()) {
                    indent(sb, "[system] " + call.prompt().system());
                }
                for (Message m : call.prompt().messages()) {
                    indent(sb, "[" + m.role().name().toLowerCase(java.util.Locale.ROOT) + "] " + m.content());
                }
                sb.append("    output:\n");
                indent(sb, call.output());
            }
            for (Note note : span.notes()) {
                sb.append("  note: ").append(note.what());
                if (!note.why().isEmpty()) {
                    sb.append(" (why: ").append(note.why()).append(')');
                }
                sb.append('\n');
            }
            if (span.failed()) {
                sb.append("  stopped: ").append(span.error()).append('\n');
            }
        }
        sb.append(usage(result.usage())).append('\n');
        // Prompts hold documents and memory, outputs what a model made: neither may drive the terminal.
        return TerminalText.safe(sb.toString());
    }

    /** One line of totals, for the end of an answer. */
    public static String usage(Usage u) {
        String calls = u.modelCalls() == 1 ? "1 model call" : u.modelCalls() + " model calls";
        String reused = u.reusedPromptTokens() > 0
                ? " (" + u.reusedPromptTokens() + " prompt tokens reused from the KV cache)"
                : "";
        return "usage: " + calls + " · " + u.promptTokens() + " prompt + " + u.completionTokens() + " new tokens"
                + reused + " · model " + u.modelMs() + " ms · Noesis overhead " + u.overheadMs() + " ms";
    }

    private static void indent(StringBuilder sb, String text) {
        for (String line : text.split("\n", -1)) {
            sb.append("      ").append(line).append('\n');
        }
    }
}
