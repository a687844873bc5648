package dev.noesis.server;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/health}: the server is up and its base model loaded (the model is opened before
 * the server listens, so a server that answers is ready), with the run queue's load. It asks the
 * API key like every endpoint: what it tells is about the server's use.
 */
@Path("/api/health")
public class HealthResource {

    @Inject
    NoesisService noesis;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> health() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "UP");
        out.put("model", noesis.baseModelId());
        out.put("runs_admitted", noesis.gate().load());
        return out;
    }
}
