package dev.noesis.server;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/ingest} starts an ingest of files and folders under the configured roots
 * ({@link IngestRoots}) and answers 202 with the job; {@code GET /api/ingest/{id}} shows its progress.
 */
@Path("/api/ingest")
public class IngestResource {

    /** Most paths one request names (a folder brings all its files). */
    static final int MAX_PATHS = 100;

    /** The body: absolute paths of files and folders. */
    public record IngestRequest(List<String> paths) {}

    @Inject
    NoesisService noesis;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(IngestRequest request) {
        if (request == null || request.paths() == null || request.paths().isEmpty()) {
            throw ApiException.invalid("paths", "'paths' is required: the files and folders to ingest.");
        }
        if (request.paths().size() > MAX_PATHS) {
            throw ApiException.invalid("paths", "'paths' may name at most " + MAX_PATHS + " files and folders.");
        }
        List<java.nio.file.Path> paths = noesis.ingestRoots().check(request.paths());
        IngestJobs.Job job = noesis.ingestJobs().start(paths);
        return Response.status(202).entity(job.view()).build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> job(@PathParam("id") String id) {
        return noesis.ingestJobs()
                .find(id)
                .map(IngestJobs.Job::view)
                .orElseThrow(() -> new ApiException(
                        404, "invalid_request_error", "id", "not_found", "There is no ingest job '" + id + "'.", null));
    }
}
