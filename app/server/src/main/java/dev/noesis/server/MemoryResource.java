package dev.noesis.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.MemoryStatement;
import dev.noesis.core.memory.Provenance;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.core.memory.RecallResult;
import dev.noesis.core.memory.WriteReport;
import dev.noesis.memory.importer.TriplesImporter;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/memory/recall} and {@code POST /api/memory/facts}: memory as {@code noesis memory
 * recall} and {@code noesis memory import triples} reach it. Facts are validated by the triples
 * importer itself, so a request and a file are held to the same rules; a batch is written whole
 * or, if one triple is refused, not at all.
 */
@Path("/api/memory")
public class MemoryResource {

    static final int MAX_QUERY_CHARS = 4_000;

    /** Most facts one request writes: a larger graph is an import, not a request. */
    static final int MAX_FACTS = 1_000;

    /** Provenance of a fact that names no {@code source}. */
    static final Provenance API_SOURCE = new Provenance("noesis:api/memory/facts", "POST /api/memory/facts");

    /** The body of a recall: the cue and how many nodes (default 25, at most {@link RecallOptions#MAX_LIMIT}). */
    public record RecallRequest(String query, Integer limit) {}

    @Inject
    NoesisService noesis;

    @POST
    @Path("/recall")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> recall(RecallRequest request) {
        if (request == null || request.query() == null || request.query().isBlank()) {
            throw ApiException.invalid("query", "'query' is required: the cue to recall from memory.");
        }
        if (request.query().length() > MAX_QUERY_CHARS) {
            throw ApiException.invalid("query", "'query' is longer than " + MAX_QUERY_CHARS + " characters.");
        }
        int limit = request.limit() == null ? RecallOptions.DEFAULTS.limit() : request.limit();
        if (limit < 1 || limit > RecallOptions.MAX_LIMIT) {
            throw ApiException.invalid(
                    "limit", "'limit' must be between 1 and " + RecallOptions.MAX_LIMIT + ", not " + limit + ".");
        }
        RecallResult r = noesis.memory().recall(request.query().strip(), RecallOptions.DEFAULTS.withLimit(limit));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "memory.recall");
        out.put("cue", r.cue());
        out.put(
                "statements",
                r.statements().stream().map(MemoryResource::statement).toList());
        out.put("nodes", r.nodes());
        out.put("edges", r.edges());
        out.put("paths", r.paths());
        out.put("rendering", r.render());
        return out;
    }

    @POST
    @Path("/facts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> facts(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("facts").isArray()) {
            throw ApiException.invalid(
                    "facts",
                    "'facts' is required: a list of triples {\"s\", \"r\", \"o\"} as the triples importer reads.");
        }
        JsonNode items = body.get("facts");
        if (items.isEmpty() || items.size() > MAX_FACTS) {
            throw ApiException.invalid(
                    "facts", "'facts' must hold 1 to " + MAX_FACTS + " triples, not " + items.size() + ".");
        }
        JsonNode exclusive = body.path("exclusive");
        if (!exclusive.isMissingNode() && !exclusive.isBoolean()) {
            throw ApiException.invalid("exclusive", "'exclusive' must be true or false.");
        }
        List<Fact> facts = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                facts.add(TriplesImporter.fact(items.get(i), API_SOURCE, exclusive.asBoolean(false)));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("facts[" + i + "]", "facts[" + i + "]: " + e.getMessage() + ".");
            }
        }
        WriteReport report = noesis.memory().remember(facts);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "memory.write");
        out.put("written", facts.size());
        out.put("report", report);
        return out;
    }

    private static Map<String, Object> statement(MemoryStatement s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", s.subject());
        m.put("predicate", s.predicate());
        m.put("object", s.object());
        m.put("source", s.source());
        m.put("score", s.score());
        s.validFrom().ifPresent(t -> m.put("validFrom", t.toString()));
        s.validTo().ifPresent(t -> m.put("validTo", t.toString()));
        return m;
    }
}
