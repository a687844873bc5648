package dev.noesis.server.openai;

import dev.noesis.server.NoesisService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/models}: every pipeline as a model, then the base model, each with a
 * {@code noesis} object (description, modules, whether it is a pipeline or the base model).
 */
@Path("/v1/models")
public class ModelsResource {

    private static final long STARTED = System.currentTimeMillis() / 1000;

    @Inject
    NoesisService noesis;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> list() {
        List<Map<String, Object>> data = new ArrayList<>();
        for (NoesisService.Listed m : noesis.list()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", m.id());
            entry.put("object", "model");
            entry.put("created", STARTED);
            entry.put("owned_by", "noesis");
            entry.put("noesis", Map.of("kind", m.kind(), "description", m.description(), "modules", m.modules()));
            data.add(entry);
        }
        return Map.of("object", "list", "data", data);
    }
}
