package dev.noesis.server;

/**
 * A request the server refuses or could not serve, answered with OpenAI's error body
 * ({@code {"error": {"message", "type", "param", "code"}}}) and its HTTP status.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String param;
    private final String code;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String type, String param, String code, String message, Integer retryAfter) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.retryAfterSeconds = retryAfter;
    }

    /** 400: a field Noesis cannot honour. */
    public static ApiException unsupported(String param, String message) {
        return new ApiException(400, "invalid_request_error", param, "unsupported_parameter", message, null);
    }

    /** 400: a field with a value out of its range or of the wrong type. */
    public static ApiException invalid(String param, String message) {
        return new ApiException(400, "invalid_request_error", param, "invalid_value", message, null);
    }

    /** 400: a body that is not what the endpoint reads. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, "invalid_request_error", null, null, message, null);
    }

    /** 404: no pipeline or model by that name. */
    public static ApiException modelNotFound(String message) {
        return new ApiException(404, "invalid_request_error", "model", "model_not_found", message, null);
    }

    /** 429: the queue for the model is full. */
    public static ApiException queueFull(String message, int retryAfterSeconds) {
        return new ApiException(429, "rate_limit_exceeded", null, "queue_full", message, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
