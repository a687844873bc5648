package dev.noesis.server;

import dev.noesis.core.error.InvalidInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves the server as OpenAI's error body with its status; a failure nobody foresaw
 * is a 500 that says so in a sentence and is logged here, never a stack trace sent to the client.
 */
public final class ErrorBodies {

    private static final Logger LOG = Logger.getLogger(ErrorBodies.class);

    /** The body {@code {"error": {...}}} for these values. */
    public static Map<String, Object> body(String message, String type, String param, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return Map.of("error", error);
    }

    public static Response response(ApiException e) {
        Response.ResponseBuilder r = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(body(e.getMessage(), e.type(), e.param(), e.code()));
        if (e.retryAfterSeconds() != null) {
            r.header("Retry-After", e.retryAfterSeconds());
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return response(e);
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return response(ApiException.badRequest(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String type = status == 404 ? "not_found" : status >= 500 ? "server_error" : "invalid_request_error";
        String message = status == 404
                ? "There is nothing at this path; the API is under /v1 and /api."
                : status == 413
                        ? "The request body is too large."
                        : e.getResponse().getStatusInfo().getReasonPhrase();
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(body(message, type, null, null))
                .build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        LOG.error("A request failed unexpectedly", e);
        return Response.status(500)
                .type(MediaType.APPLICATION_JSON)
                .entity(body(
                        "The server failed on this request (" + e.getClass().getSimpleName()
                                + "); the server's log has the details.",
                        "server_error",
                        null,
                        null))
                .build();
    }
}
