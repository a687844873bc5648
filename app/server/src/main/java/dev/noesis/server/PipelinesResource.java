package dev.noesis.server;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.orchestrator.Pipeline;
import dev.noesis.orchestrator.pipeline.InvalidPipelineException;
import dev.noesis.orchestrator.pipeline.Pipelines;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/pipelines}: the catalog (the built-in pipelines and the user's files, the broken
 * ones with their problem), one pipeline's YAML and modules, and the check of a posted YAML text
 * with the parser every entry point uses, its problems as {@code file:line:column: ...}. A
 * user's file is named by its pipeline name, never by its path.
 */
@Path("/api/pipelines")
public class PipelinesResource {

    @Inject
    NoesisService noesis;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> list() {
        List<Map<String, Object>> data = new ArrayList<>();
        for (Pipelines.Entry e : noesis.pipelines().list()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", e.name());
            entry.put("description", e.description());
            entry.put("built_in", e.source().equals("built in"));
            entry.put("runnable", e.runnable());
            if (e.runnable()) {
                entry.put("modules", NoesisService.modules(noesis.pipelines().get(e.name())));
            } else {
                entry.put("problem", e.problem().orElseThrow());
            }
            data.add(entry);
        }
        return Map.of("object", "list", "data", data);
    }

    @GET
    @Path("/{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> show(@PathParam("name") String name) {
        if (!NoesisService.isPipelineName(name)) {
            throw notFound(name);
        }
        Pipeline p;
        String source;
        try {
            p = noesis.pipelines().get(name);
            source = noesis.pipelines().source(name);
        } catch (InvalidInputException e) {
            throw noesis.pipelines().refusal(name).isPresent()
                    ? new ApiException(409, "invalid_request_error", "name", "pipeline_invalid", e.getMessage(), null)
                    : notFound(name);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", p.name());
        out.put("description", p.description());
        out.put("modules", NoesisService.modules(p));
        out.put("yaml", source);
        return out;
    }

    /**
     * Checks a pipeline's YAML (the request body) without saving or running it: 200 with
     * {@code valid} and, when it is not, every problem found; {@code file} names the text in them.
     */
    @POST
    @Path("/validate")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> validate(String body, @QueryParam("file") String file) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("The request has no body; send a pipeline's YAML text.");
        }
        String name = file == null || file.isBlank() ? "request.yaml" : file.strip();
        if (name.length() > 100) {
            throw ApiException.invalid("file", "file names the text in messages; at most 100 characters.");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            Pipeline p = noesis.pipelines().parser().parse(name, body);
            out.put("valid", true);
            out.put("name", p.name());
            out.put("description", p.description());
            out.put("modules", NoesisService.modules(p));
        } catch (InvalidPipelineException e) {
            out.put("valid", false);
            out.put("problems", e.problems());
        } catch (InvalidInputException e) {
            out.put("valid", false);
            out.put("problems", List.of(e.getMessage()));
        }
        return out;
    }

    private static ApiException notFound(String name) {
        String shown = name.length() > 80 ? name.substring(0, 80) + "…" : name;
        return new ApiException(
                404,
                "invalid_request_error",
                "name",
                "pipeline_not_found",
                "There is no pipeline '" + shown + "' (see GET /api/pipelines).",
                null);
    }
}
