package dev.noesis.openai;

import dev.noesis.core.error.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an OpenAI-compatible model is served and how to talk to it.
 *
 * @param baseUrl   the API's base, e.g. {@code http://localhost:11434/v1}; a URL without a path
 *                  gets {@code /v1}, where Ollama, vLLM, llama.cpp and LM Studio all serve it
 * @param modelName the model as the server names it, e.g. {@code llama3.2}
 * @param apiKey    sent as a bearer token when present; never logged or printed
 * @param timeout   how long to wait to connect and for the response to start
 */
public record OpenAiServer(String baseUrl, String modelName, Optional<String> apiKey, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public OpenAiServer {
        Objects.requireNonNull(baseUrl, "baseUrl");
        baseUrl = normalise(baseUrl);
        if (modelName == null || modelName.isBlank()) {
            throw new InvalidInputException("A model server needs the name of the model to ask for (for Ollama, e.g."
                    + " llama3.2): pass --model-name or set noesis.openai.model-name.");
        }
        apiKey = apiKey == null ? Optional.empty() : apiKey.filter(k -> !k.isBlank());
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException("The model server timeout must be positive, got " + timeout + ".");
        }
    }

    /** Whether {@code text} is an http(s) URL, i.e. names a model server rather than a folder or hub id. */
    public static boolean isServerUrl(String text) {
        return text.startsWith("http://") || text.startsWith("https://");
    }

    private static String normalise(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new InvalidInputException("'" + url + "' is not a valid URL: " + e.getReason() + ".");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new InvalidInputException(
                    "'" + url + "' is not an http(s) URL of a model server (e.g. http://localhost:11434/v1).");
        }
        if (uri.getUserInfo() != null) {
            throw new InvalidInputException("Put credentials in noesis.openai.api-key, not in the URL.");
        }
        String s = uri.toString();
        if (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/") ? s + "/v1" : s;
    }

    /** Shows everything but the API key. */
    @Override
    public String toString() {
        return "OpenAiServer[baseUrl=" + baseUrl + ", modelName=" + modelName + ", apiKey="
                + (apiKey.isPresent() ? "(set)" : "(none)") + ", timeout=" + timeout + "]";
    }
}
