package dev.noesis.server;

import dev.noesis.core.retrieval.Passage;
import dev.noesis.core.retrieval.RetrievalQuery;
import dev.noesis.retrieval.index.SearchMode;
import dev.noesis.wiring.Documents;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/retrieval/search}: ranked chunks from the document index, through the same
 * {@link Documents#openSearch} as {@code noesis search}. The index is opened read-only per request,
 * so a search sees what a running ingest has committed.
 */
@Path("/api/retrieval")
public class RetrievalResource {

    /** Most chunks one search returns: a search is for a prompt's context, not a dump of the index. */
    static final int MAX_K = 50;

    static final int MAX_QUERY_CHARS = 4_000;

    /** The body: {@code query}, {@code k} (default 5), {@code mode} (bm25, dense, hybrid; default the index's fullest). */
    public record SearchRequest(String query, Integer k, String mode) {}

    @Inject
    NoesisService noesis;

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> search(SearchRequest request) {
        if (request == null || request.query() == null || request.query().isBlank()) {
            throw ApiException.invalid("query", "'query' is required: the text to search for.");
        }
        if (request.query().length() > MAX_QUERY_CHARS) {
            throw ApiException.invalid("query", "'query' is longer than " + MAX_QUERY_CHARS + " characters.");
        }
        int k = request.k() == null ? 5 : request.k();
        if (k < 1 || k > MAX_K) {
            throw ApiException.invalid("k", "'k' must be between 1 and " + MAX_K + ", not " + k + ".");
        }
        Optional<SearchMode> mode = Optional.ofNullable(request.mode()).map(m -> {
            try {
                return SearchMode.parse(m);
            } catch (RuntimeException e) {
                throw ApiException.invalid("mode", "'mode' must be bm25, dense or hybrid, not '" + shown(m) + "'.");
            }
        });
        try (Documents.OpenIndex index = noesis.documents().openSearch(mode)) {
            List<Passage> hits =
                    index.retrieve(new RetrievalQuery(request.query().strip(), k, List.of()));
            return Map.of("object", "list", "mode", index.mode().label(), "data", hits);
        }
    }

    private static String shown(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
