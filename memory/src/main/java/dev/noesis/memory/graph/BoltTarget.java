package dev.noesis.memory.graph;

import dev.noesis.core.error.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Set;

/**
 * Where memory lives: a Neo4j server's Bolt address, credentials and database. The same for the
 * local server, a docker-compose one or a cluster ({@code neo4j://} routes).
 */
public record BoltTarget(String uri, String user, String password, String database) {

    private static final Set<String> SCHEMES = Set.of("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc");

    public BoltTarget {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(database, "database");
        try {
            URI parsed = new URI(uri);
            if (parsed.getScheme() == null || !SCHEMES.contains(parsed.getScheme()) || parsed.getHost() == null) {
                throw new InvalidInputException("noesis.memory.uri must be a Bolt address such as bolt://localhost:7687"
                        + " or neo4j://host:7687, got '" + uri + "'.");
            }
        } catch (URISyntaxException e) {
            throw new InvalidInputException(
                    "noesis.memory.uri is not a valid URI: '" + uri + "' (" + e.getReason() + ").");
        }
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "BoltTarget[" + uri + ", user " + user + ", database " + database + "]";
    }
}
