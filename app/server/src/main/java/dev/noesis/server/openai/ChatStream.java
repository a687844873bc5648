package dev.noesis.server.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.orchestrator.Orchestrator;
import dev.noesis.orchestrator.Pipeline;
import dev.noesis.orchestrator.RunRequest;
import dev.noesis.orchestrator.RunResult;
import dev.noesis.orchestrator.Step;
import dev.noesis.server.ApiException;
import dev.noesis.server.ErrorBodies;
import dev.noesis.server.NoesisService;
import dev.noesis.server.RunGate;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * A run answered by server-sent events in OpenAI's chunk format: a first chunk with the role
 * (sent with the first text, so that a run that fails before it answers with an HTTP error),
 * the answer's text as it is generated, a last chunk with the finish reason (and the
 * {@code noesis} object), the usage chunk when asked for, then {@code data: [DONE]}. A failure
 * after the stream has begun goes out as a {@code data: {"error": ...}} event that ends it.
 *
 * <p>Text is sent as it is generated when the pipeline makes one draft (a single generator, no
 * loops): what is sent is then the answer. A pipeline that drafts several times and chooses is
 * streamed once it has chosen, as one chunk, so that the chunks always join to the answer.
 *
 * <p>A client that goes away is noticed at the next token (the connection is asked; a write to a
 * closed one does not fail here): the run is interrupted, which stops generation at that token,
 * and its place in the queue is given back. A client that leaves while it waits is not run.
 * A pipeline streamed whole at its end is not stopped early.
 */
final class ChatStream implements StreamingOutput {

    private static final Logger LOG = Logger.getLogger(ChatStream.class);

    private final NoesisService noesis;
    private final ObjectMapper json;
    private final NoesisService.Target target;
    private final LanguageModel model;
    private final Optional<ReplyShape> shape;
    private final RunRequest run;
    private final String runId;
    private final Replies replies;
    private final boolean includeUsage;
    private final RunGate.Ticket ticket;
    private final BooleanSupplier clientGone;
    private boolean begun;

    ChatStream(
            NoesisService noesis,
            ObjectMapper json,
            NoesisService.Target target,
            LanguageModel model,
            Optional<ReplyShape> shape,
            RunRequest run,
            String runId,
            Replies replies,
            boolean includeUsage,
            RunGate.Ticket ticket,
            BooleanSupplier clientGone) {
        this.noesis = noesis;
        this.json = json;
        this.target = target;
        this.model = model;
        this.shape = shape;
        this.run = run;
        this.runId = runId;
        this.replies = replies;
        this.includeUsage = includeUsage;
        this.ticket = ticket;
        this.clientGone = clientGone;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        try (ticket) {
            ticket.awaitTurn();
            if (clientGone.getAsBoolean()) {
                LOG.debugf("run %s: the client left while it waited; not run", runId);
                return;
            }
            stream(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(out, new ApiException(503, "server_error", null, "shutting_down", "The server is stopping.", null));
        } catch (ApiException e) {
            fail(out, e);
        } catch (RuntimeException e) {
            LOG.error("run " + runId + " failed while streaming", e);
            fail(
                    out,
                    new ApiException(
                            500,
                            "server_error",
                            null,
                            null,
                            "The server failed on this request (" + e.getClass().getSimpleName()
                                    + "); the server's log has the details.",
                            null));
        }
    }

    private void stream(OutputStream out) throws IOException {
        // A shaped reply is generated whole (and a call is no text), so it is sent at the end.
        boolean live = shape.isEmpty() && oneDraft(target.pipeline());
        Thread runner = Thread.currentThread();
        AtomicBoolean gone = new AtomicBoolean();
        StringBuilder sent = new StringBuilder();
        RunRequest request = !live
                ? run
                : run.withAnswerListener(text -> {
                    if (gone.get()) {
                        return;
                    }
                    // Writes to a closed connection fail silently here: the connection is asked instead, at every
                    // token.
                    if (clientGone.getAsBoolean()) {
                        gone.set(true);
                        runner.interrupt(); // the client is gone: stop generating
                        return;
                    }
                    try {
                        begin(out);
                        send(out, replies.chunk(delta("content", text), null));
                        sent.append(text);
                    } catch (IOException e) {
                        gone.set(true);
                        runner.interrupt(); // the client is gone: stop generating
                    }
                });
        RunResult result = new Orchestrator(model).run(target.pipeline(), request);
        Thread.interrupted();
        noesis.finished(runId, target, result);
        if (gone.get()) {
            LOG.debugf("run %s: the client went away; the run was stopped", runId);
            return;
        }
        if (result.outcome() == RunResult.Outcome.FAILED || result.outcome() == RunResult.Outcome.CANCELLED) {
            throw ChatCompletionsResource.failure(result);
        }
        begin(out);
        String answer = result.answer() == null ? "" : result.answer();
        ReplyShape.Reply reply = shape.map(s -> s.read(answer)).orElseGet(() -> new ReplyShape.Content(answer));
        if (reply instanceof ReplyShape.Call call) {
            send(out, replies.chunk(Map.of("tool_calls", List.of(replies.toolCall(call, 0))), null));
        } else if (shape.isPresent()) {
            send(out, replies.chunk(delta("content", ((ReplyShape.Content) reply).text()), null));
        } else if (!sent.toString().equals(answer)) {
            if (answer.startsWith(sent.toString())) {
                send(out, replies.chunk(delta("content", answer.substring(sent.length())), null));
            } else {
                LOG.warnf("run %s: the streamed text is not the pipeline's answer", runId);
            }
        }
        Map<String, Object> last = replies.chunk(Map.of(), Replies.finishReason(reply, result));
        last.put("noesis", Replies.noesis(runId, target, result));
        send(out, last);
        if (includeUsage) {
            send(out, replies.usageChunk(result.usage()));
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Before anything was sent, the error is the response (its own status, OpenAI's body); after,
     * it goes out as a {@code data: {"error": ...}} event that ends the stream.
     */
    private void fail(OutputStream out, ApiException e) throws IOException {
        if (!begun) {
            throw e;
        }
        send(out, ErrorBodies.response(e).getEntity());
    }

    /** Sends the first chunk (the role) before the first text: until then, a failure can still be an HTTP error. */
    private void begin(OutputStream out) throws IOException {
        if (!begun) {
            begun = true;
            send(out, replies.chunk(delta("role", "assistant", "content", ""), null));
        }
    }

    /** Whether the pipeline makes exactly one draft: one generator step and no control forms. */
    static boolean oneDraft(Pipeline pipeline) {
        int generators = 0;
        for (Step s : pipeline.steps()) {
            if (!(s instanceof Step.Apply a)) {
                return false;
            }
            if (a.module().name().equals("generator")) {
                generators++;
            }
        }
        return generators == 1;
    }

    private void send(OutputStream out, Object event) throws IOException {
        out.write(("data: " + json.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Map<String, Object> delta(String... keysAndValues) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            d.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return d;
    }
}
