package dev.noesis.server.openai;

import dev.noesis.core.model.FinishReason;
import dev.noesis.core.run.Usage;
import dev.noesis.core.trace.ModelCall;
import dev.noesis.core.trace.Span;
import dev.noesis.orchestrator.RunResult;
import dev.noesis.server.NoesisService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bodies of chat completion replies in OpenAI's shapes (a completion, a stream's chunks),
 * every field the official clients require present, plus a {@code noesis} object with the run.
 */
final class Replies {

    private final String id;
    private final String model;
    private final String fingerprint;
    private final long created = System.currentTimeMillis() / 1000;
    private final String callId =
            "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);

    /**
     * @param id          the completion's id (the run id with a prefix)
     * @param model       the model as the request named it
     * @param fingerprint the pipeline's and model's hash
     */
    Replies(String id, String model, String fingerprint) {
        this.id = id;
        this.model = model;
        this.fingerprint = fingerprint;
    }

    /** A whole completion: the reply's content, or its tool call (then {@code finish_reason} is {@code tool_calls}). */
    Map<String, Object> completion(ReplyShape.Reply reply, RunResult run, Map<String, Object> noesis) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        switch (reply) {
            case ReplyShape.Content c -> message.put("content", c.text());
            case ReplyShape.Call call -> {
                message.put("content", null);
                message.put("tool_calls", List.of(toolCall(call, null)));
            }
        }
        message.put("refusal", null);
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason(reply, run));
        Map<String, Object> body = head("chat.completion");
        body.put("choices", List.of(choice));
        body.put("usage", usage(run.usage()));
        body.put("noesis", noesis);
        return body;
    }

    /** A chunk with a delta ({@code role} and/or {@code content}) and, on the last one, a finish reason. */
    Map<String, Object> chunk(Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        Map<String, Object> body = head("chat.completion.chunk");
        body.put("choices", List.of(choice));
        return body;
    }

    /** The chunk that carries the usage: no choices, just before {@code [DONE]}. */
    Map<String, Object> usageChunk(Usage usage) {
        Map<String, Object> body = head("chat.completion.chunk");
        body.put("choices", List.of());
        body.put("usage", usage(usage));
        return body;
    }

    static Map<String, Object> noesis(String runId, NoesisService.Target target, RunResult run) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("run_id", runId);
        n.put("trace_id", run.trace().runId());
        n.put("pipeline", target.pipelineName());
        n.put("model", target.modelId());
        n.put("outcome", run.outcome().name());
        n.put("stop_reason", run.stopReason());
        List<String> steps = new ArrayList<>();
        for (Span s : run.trace().spans()) {
            steps.add(s.module());
        }
        n.put("steps", steps);
        Usage u = run.usage();
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("model_calls", u.modelCalls());
        usage.put("reused_prompt_tokens", u.reusedPromptTokens());
        usage.put("model_ms", u.modelMs());
        usage.put("noesis_ms", u.overheadMs());
        n.put("usage", usage);
        return n;
    }

    /**
     * A tool call as OpenAI writes it, with its id; {@code index} (its place among a stream's
     * calls) only in a chunk.
     */
    Map<String, Object> toolCall(ReplyShape.Call call, Integer index) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", call.name());
        function.put("arguments", call.arguments());
        Map<String, Object> c = new LinkedHashMap<>();
        if (index != null) {
            c.put("index", index);
        }
        c.put("id", callId);
        c.put("type", "function");
        c.put("function", function);
        return c;
    }

    /** "tool_calls" for a call; else as {@link #finishReason(RunResult)}. */
    static String finishReason(ReplyShape.Reply reply, RunResult run) {
        return reply instanceof ReplyShape.Call ? "tool_calls" : finishReason(run);
    }

    /** "length" when the run or its last model call hit a limit, else "stop". */
    static String finishReason(RunResult run) {
        if (run.outcome() == RunResult.Outcome.BUDGET_EXHAUSTED) {
            return "length";
        }
        ModelCall last = null;
        for (Span s : run.trace().spans()) {
            if (!s.calls().isEmpty()) {
                last = s.calls().getLast();
            }
        }
        return last != null
                        && (last.finishReason() == FinishReason.MAX_TOKENS
                                || last.finishReason() == FinishReason.CONTEXT_LIMIT)
                ? "length"
                : "stop";
    }

    private Map<String, Object> head(String object) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("object", object);
        body.put("created", created);
        body.put("model", model);
        body.put("system_fingerprint", fingerprint);
        return body;
    }

    private static Map<String, Object> usage(Usage u) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", u.promptTokens());
        usage.put("completion_tokens", u.completionTokens());
        usage.put("total_tokens", u.totalTokens());
        return usage;
    }
}
