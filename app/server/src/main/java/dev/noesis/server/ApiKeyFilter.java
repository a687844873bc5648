package dev.noesis.server;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses every request without the right key (401), before it is read, when the server has a key. */
public final class ApiKeyFilter {

    @Inject
    NoesisService noesis;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(ContainerRequestContext request) {
        Optional<ApiKey> key = noesis.apiKey();
        if (key.isEmpty() || key.get().accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return Optional.empty();
        }
        String why = request.getHeaderString(HttpHeaders.AUTHORIZATION) == null
                ? "This server needs an API key: send it as 'Authorization: Bearer KEY'."
                : "The API key is not this server's.";
        return Optional.of(ErrorBodies.response(
                new ApiException(401, "invalid_request_error", null, "invalid_api_key", why, null)));
    }
}
