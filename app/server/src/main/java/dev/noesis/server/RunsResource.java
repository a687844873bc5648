package dev.noesis.server;

import dev.noesis.orchestrator.RunRecord;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/runs/{id}}: the record of a recent run (answer, outcome, usage, trace), by the id a reply carried. */
@Path("/api/runs")
public class RunsResource {

    @Inject
    NoesisService noesis;

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public RunRecord run(@PathParam("id") String id) {
        return noesis.runs()
                .get(id)
                .orElseThrow(() -> new ApiException(
                        404,
                        "invalid_request_error",
                        "id",
                        "run_not_found",
                        "No recent run has the id '" + (id.length() > 80 ? id.substring(0, 80) + "…" : id)
                                + "'; the server keeps the newest runs only.",
                        null));
    }
}
