package dev.noesis.server.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.orchestrator.Orchestrator;
import dev.noesis.orchestrator.RunRequest;
import dev.noesis.orchestrator.RunResult;
import dev.noesis.server.ApiException;
import dev.noesis.server.ErrorBodies;
import dev.noesis.server.NoesisService;
import dev.noesis.server.RunGate;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@code POST /v1/chat/completions}: the request's {@code model} picks the pipeline (see
 * {@link NoesisService}), its messages become the run's question and history, and the answer
 * comes back whole or, with {@code stream: true}, as server-sent events ({@link ChatStream}).
 * Every reply carries the run's id in the {@value #RUN_ID} header, for {@code /api/runs/{id}}.
 */
@Path("/v1/chat/completions")
public class ChatCompletionsResource {

    /** The response header with the id of the run behind a reply. */
    public static final String RUN_ID = "x-noesis-run-id";

    private static final Logger LOG = Logger.getLogger(ChatCompletionsResource.class);

    @Inject
    NoesisService noesis;

    @Inject
    ObjectMapper json;

    @POST
    public Response complete(String body, @Context HttpServerResponse connection) {
        ChatRequest request = ChatRequest.parse(read(body), noesis.maxTokens());
        NoesisService.Target target = noesis.resolve(request.model());
        // A reply with a shape (response_format, tools) is drafted under its schema by the model's structured output.
        LanguageModel model = request.shape()
                .<LanguageModel>map(s -> new SchemaBoundModel(target.model(), s.schema()))
                .orElse(target.model());
        RunRequest run = RunRequest.of(request.question())
                .withHistory(request.history())
                .withParams(noesis.generation(request.overrides()))
                .withBudget(noesis.budget());
        String runId = UUID.randomUUID().toString();
        Replies replies = new Replies("chatcmpl-" + runId, request.model(), target.fingerprint());
        request.user().ifPresent(u -> LOG.debugf("run %s for user %s", runId, u));
        RunGate.Ticket ticket = noesis.gate().admit();
        if (request.stream()) {
            return Response.ok(new ChatStream(
                            noesis,
                            json,
                            target,
                            model,
                            request.shape(),
                            run,
                            runId,
                            replies,
                            request.includeUsage(),
                            ticket,
                            connection::closed))
                    .type(MediaType.SERVER_SENT_EVENTS)
                    .header("Cache-Control", "no-cache")
                    .header(RUN_ID, runId)
                    .build();
        }
        RunResult result;
        try (ticket) {
            ticket.awaitTurn();
            result = new Orchestrator(model).run(target.pipeline(), run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "server_error", null, "shutting_down", "The server is stopping.", null);
        }
        noesis.finished(runId, target, result);
        if (result.outcome() == RunResult.Outcome.FAILED || result.outcome() == RunResult.Outcome.CANCELLED) {
            return Response.fromResponse(ErrorBodies.response(failure(result)))
                    .header(RUN_ID, runId)
                    .build();
        }
        String answer = result.answer() == null ? "" : result.answer();
        ReplyShape.Reply reply =
                request.shape().map(s -> s.read(answer)).orElseGet(() -> new ReplyShape.Content(answer));
        return Response.ok(replies.completion(reply, result, Replies.noesis(runId, target, result)))
                .type(MediaType.APPLICATION_JSON)
                .header(RUN_ID, runId)
                .build();
    }

    /** Why a run gave no answer, as the error a client gets: its input or what the run needs (400), or the server (500). */
    static ApiException failure(RunResult result) {
        if (result.failure() instanceof InvalidInputException e) {
            // OpenAI's code for a prompt beyond the context; any other refusal is about what the run needs.
            boolean context = e.getMessage() != null && e.getMessage().contains("context");
            return new ApiException(
                    400,
                    "invalid_request_error",
                    context ? "messages" : null,
                    context ? "context_length_exceeded" : null,
                    e.getMessage(),
                    null);
        }
        String why = result.failure() != null ? result.failure().getMessage() : result.stopReason();
        return new ApiException(
                500, "server_error", null, null, "The run failed: " + why + " (its record has the trace).", null);
    }

    private JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("The request has no body; send a JSON chat completion request.");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The request body is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ").");
        }
    }
}
