package dev.noesis.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.noesis.core.error.BackendException;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.NoesisException;
import dev.noesis.core.model.Completion;
import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StopSequenceFilter;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.model.TokenListener;
import dev.noesis.core.model.ValidateAndRepair;
import dev.noesis.core.structured.JsonSchema;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model behind an OpenAI-compatible chat-completions API: Ollama, vLLM, llama.cpp's server,
 * LM Studio, or OpenAI itself. LangChain4j speaks the protocol.
 *
 * <p>Every call streams, whether or not the caller listens: that is what gives a trace the time
 * to the first token (the prompt time) and lets an interrupt cancel the request. Token counts
 * come from the server's usage report; a server that sends none gets the number of streamed
 * chunks as its completion count (servers send one token per chunk) and a warning.
 *
 * <p>Stop sequences are applied here, not sent to the server: the protocol's finish reason
 * {@code stop} does not say whether the model ended or a stop sequence was met, and servers differ
 * in whether the stop text is kept. When one is met the request is cancelled; the server then sends
 * no usage report, so that call's prompt tokens are unknown (0).
 */
public final class OpenAiCompatibleLanguageModel implements LanguageModel {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatibleLanguageModel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiServer server;
    private final OpenAiStreamingChatModel chat;
    private final AtomicBoolean warnedAboutUsage = new AtomicBoolean();

    public OpenAiCompatibleLanguageModel(OpenAiServer server) {
        this.server = server;
        OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder b = OpenAiStreamingChatModel.builder()
                .baseUrl(server.baseUrl())
                .modelName(server.modelName())
                .timeout(server.timeout())
                .logRequests(false) // requests carry the API key
                .logResponses(false);
        // LangChain4j requires a key; local servers ignore it, so a placeholder is sent when none is set.
        b.apiKey(server.apiKey().orElse("no-key"));
        this.chat = b.build();
    }

    @Override
    public String name() {
        return server.modelName() + " at " + server.baseUrl();
    }

    public OpenAiServer server() {
        return server;
    }

    @Override
    public Completion generate(Prompt prompt, GenerationParams params, TokenListener listener) {
        return stream(prompt, params, listener, Map.of());
    }

    /**
     * Asks the server for the schema through {@code response_format} (servers with guided
     * decoding, such as vLLM, Ollama and llama.cpp, enforce it; others ignore it), then validates
     * the reply and has the model repair it a bounded number of times. A reply that never
     * validates comes back as an INVALID result with its raw text and errors.
     */
    @Override
    public StructuredResult generateJson(Prompt prompt, JsonSchema schema, GenerationParams params) {
        ObjectNode format = JSON.createObjectNode().put("type", "json_schema");
        format.putObject("json_schema")
                .put("name", "noesis_output")
                .put("strict", false)
                .set("schema", schema.document());
        Map<String, Object> extra = Map.of("response_format", format);
        return ValidateAndRepair.run(
                p -> stream(p, params, TokenListener.NONE, extra),
                prompt,
                schema,
                params,
                ValidateAndRepair.DEFAULT_ATTEMPTS);
    }

    private Completion stream(
            Prompt prompt, GenerationParams params, TokenListener listener, Map<String, Object> extra) {
        ChatRequest request = ChatRequest.builder()
                .messages(messages(prompt))
                .parameters(OpenAiChatRequestParameters.builder()
                        .modelName(server.modelName())
                        .temperature(params.temperature())
                        .topP(params.topP())
                        .maxOutputTokens(params.maxNewTokens())
                        .seed((int) params.seed())
                        .customParameters(extra.isEmpty() ? null : extra)
                        .build())
                .build();

        long start = System.nanoTime();
        AtomicLong firstTextAt = new AtomicLong();
        AtomicInteger chunks = new AtomicInteger();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        StopSequenceFilter text = new StopSequenceFilter(params.stopSequences(), listener);
        AtomicBoolean stopped = new AtomicBoolean();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        chat.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.compareAndSet(null, context.streamingHandle());
                String piece = partial.text();
                if (piece == null || piece.isEmpty()) {
                    return;
                }
                synchronized (text) {
                    if (done.isDone()) {
                        return;
                    }
                    firstTextAt.compareAndSet(0, System.nanoTime());
                    chunks.incrementAndGet();
                    if (text.append(piece)) {
                        stopped.set(true);
                        done.complete(null);
                        context.streamingHandle().cancel();
                    }
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });

        ChatResponse response;
        FinishReason reason;
        try {
            response = done.get();
            reason = stopped.get() ? FinishReason.STOP_SEQUENCE : finishReason(response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (text) {
                done.cancel(false);
            }
            StreamingHandle h = handle.get();
            if (h != null) {
                h.cancel();
            }
            response = null;
            reason = FinishReason.CANCELLED;
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }

        long end = System.nanoTime();
        long first = firstTextAt.get() == 0 ? end : firstTextAt.get();
        TokenUsage usage = response == null ? null : response.tokenUsage();
        int promptTokens = usage != null && usage.inputTokenCount() != null ? usage.inputTokenCount() : 0;
        int completionTokens;
        if (usage != null && usage.outputTokenCount() != null) {
            completionTokens = usage.outputTokenCount();
        } else {
            completionTokens = chunks.get();
            if (response != null && warnedAboutUsage.compareAndSet(false, true)) {
                LOG.warn(
                        "The server at {} reports no token usage; completion tokens are counted from streamed chunks"
                                + " and prompt tokens are unknown (0).",
                        server.baseUrl());
            }
        }
        String answer;
        synchronized (text) {
            answer = text.finish();
        }
        return new Completion(
                answer,
                promptTokens,
                completionTokens,
                0,
                TimeUnit.NANOSECONDS.toMillis(first - start),
                TimeUnit.NANOSECONDS.toMillis(end - first),
                reason);
    }

    private static List<ChatMessage> messages(Prompt prompt) {
        List<ChatMessage> out = new ArrayList<>();
        if (!prompt.system().isEmpty()) {
            out.add(SystemMessage.from(prompt.system()));
        }
        for (Message m : prompt.messages()) {
            out.add(
                    switch (m.role()) {
                        case USER -> UserMessage.from(m.content());
                        case ASSISTANT -> AiMessage.from(m.content());
                    });
        }
        return out;
    }

    private static FinishReason finishReason(ChatResponse response) {
        if (response.finishReason() == null) {
            return FinishReason.END_OF_SEQUENCE;
        }
        return switch (response.finishReason()) {
            case LENGTH -> FinishReason.MAX_TOKENS;
            default -> FinishReason.END_OF_SEQUENCE;
        };
    }

    /** Says what went wrong in terms of the server the user configured; never includes the API key. */
    private NoesisException failure(Throwable error) {
        String where = "The model server at " + server.baseUrl();
        if (error instanceof AuthenticationException) {
            return new BackendException(
                    where + " refused the request as unauthorized (HTTP 401/403). Check the API key"
                            + " (noesis.openai.api-key, or NOESIS_OPENAI_API_KEY).",
                    error);
        }
        if (error instanceof dev.langchain4j.exception.ModelNotFoundException) {
            return new BackendException(
                    where + " does not know the model '" + server.modelName()
                            + "' (HTTP 404). Check the model name, or that the URL ends in /v1.",
                    error);
        }
        if (error instanceof TimeoutException || hasCause(error, HttpTimeoutException.class)) {
            return new BackendException(
                    where + " did not answer within " + server.timeout().toSeconds()
                            + " s. A slow model may need a longer timeout (noesis.openai.timeout).",
                    error);
        }
        if (error instanceof UnresolvedModelServerException
                || hasCause(error, ConnectException.class)
                || hasCause(error, HttpConnectTimeoutException.class)
                || hasCause(error, java.nio.channels.UnresolvedAddressException.class)) {
            return new BackendException(
                    "Cannot reach the model server at " + server.baseUrl() + ". Is it running, and is the URL right?",
                    error);
        }
        if (error instanceof InvalidRequestException && mentionsContext(error.getMessage())) {
            // The caller's input, not the server, is at fault: same type as an in-process model's refusal.
            return new InvalidInputException(
                    where + " refused the prompt: it does not fit the model's context (" + error.getMessage() + ").");
        }
        if (error instanceof InvalidRequestException || error instanceof HttpException) {
            return new BackendException(where + " rejected the request: " + error.getMessage(), error);
        }
        String detail = error instanceof LangChain4jException ? error.getMessage() : error.toString();
        return new BackendException(where + " failed: " + detail, error);
    }

    /** How servers say a prompt is too long: vLLM and OpenAI "maximum context length", llama.cpp "context size". */
    private static boolean mentionsContext(String message) {
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("context");
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
