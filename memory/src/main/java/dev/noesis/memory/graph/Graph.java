package dev.noesis.memory.graph;

import dev.noesis.core.error.BackendException;
import dev.noesis.core.error.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

/**
 * One Neo4j database through the Java driver: managed read and write transactions (retried on
 * transient errors by the driver), with driver errors turned into Noesis errors that say what to do.
 * Every query it runs is a constant string with parameters.
 */
public final class Graph implements AutoCloseable {

    private final Driver driver;
    private final String database;
    private final String uri;

    private Graph(Driver driver, String database, String uri) {
        this.driver = driver;
        this.database = database;
        this.uri = uri;
    }

    /** Connects and checks that the server answers and accepts the credentials. */
    public static Graph connect(BoltTarget target) {
        Config config = Config.builder()
                .withLogging(new DriverLogging())
                .withTelemetryDisabled(true)
                .withConnectionTimeout(10, TimeUnit.SECONDS)
                .withMaxTransactionRetryTime(15, TimeUnit.SECONDS)
                .withUserAgent("noesis-memory")
                .build();
        Driver driver = GraphDatabase.driver(target.uri(), AuthTokens.basic(target.user(), target.password()), config);
        try {
            driver.verifyConnectivity();
        } catch (AuthenticationException e) {
            driver.close();
            throw new InvalidInputException(
                    "Neo4j at " + target.uri() + " refused user '" + target.user()
                            + "' and its password: check noesis.memory.user and noesis.memory.password.",
                    e);
        } catch (ServiceUnavailableException e) {
            driver.close();
            throw new BackendException(
                    "Cannot reach Neo4j at " + target.uri() + " (" + e.getMessage()
                            + "). Is the server running? Leave noesis.memory.uri empty to use the local server Noesis starts itself.",
                    e);
        } catch (RuntimeException e) {
            driver.close();
            throw new BackendException("Cannot connect to Neo4j at " + target.uri() + ": " + e.getMessage(), e);
        }
        return new Graph(driver, target.database(), target.uri());
    }

    public String uri() {
        return uri;
    }

    /** Runs {@code work} in one read transaction. */
    public <T> T read(Function<TransactionContext, T> work) {
        try (Session session = session()) {
            return session.executeRead(work::apply);
        } catch (Neo4jException e) {
            throw failure(e);
        }
    }

    /** Runs {@code work} in one write transaction: everything it writes commits together or not at all. */
    public <T> T write(Function<TransactionContext, T> work) {
        try (Session session = session()) {
            return session.executeWrite(work::apply);
        } catch (Neo4jException e) {
            throw failure(e);
        }
    }

    /** One read query's records. */
    public List<Record> query(String cypher, Map<String, Object> params) {
        return read(tx -> tx.run(cypher, params).list());
    }

    /** One statement in its own write transaction. */
    public void execute(String cypher, Map<String, Object> params) {
        write(tx -> tx.run(cypher, params).consume());
    }

    /**
     * One statement in an auto-commit transaction, for statements that manage their own
     * transactions ({@code CALL ... IN TRANSACTIONS}).
     */
    public void autoCommit(String cypher, Map<String, Object> params) {
        try (Session session = session()) {
            session.run(cypher, params).consume();
        } catch (Neo4jException e) {
            throw failure(e);
        }
    }

    /** One statement in an auto-commit transaction, returning its records ({@code CALL ... IN TRANSACTIONS ... RETURN}). */
    public List<Record> readAutoCommit(String cypher, Map<String, Object> params) {
        try (Session session = session()) {
            return session.run(cypher, params).list();
        } catch (Neo4jException e) {
            throw failure(e);
        }
    }

    /**
     * One statement, tried once (no retry) in its own transaction that the server ends after
     * {@code timeout}, waiting for locks included: for bookkeeping that may be lost but must never
     * hold anything up.
     */
    public void executeOnce(String cypher, Map<String, Object> params, Duration timeout) {
        try (Session session = session()) {
            session.run(
                            cypher,
                            params,
                            TransactionConfig.builder().withTimeout(timeout).build())
                    .consume();
        } catch (Neo4jException e) {
            throw failure(e);
        }
    }

    private Session session() {
        return driver.session(SessionConfig.forDatabase(database));
    }

    private BackendException failure(Neo4jException e) {
        if (e instanceof ServiceUnavailableException) {
            return new BackendException(
                    "Lost the connection to Neo4j at " + uri + " (" + e.getMessage()
                            + "). Nothing of the interrupted transaction was kept; run the command again once the server is up.",
                    e);
        }
        return new BackendException("Neo4j at " + uri + " failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        driver.close();
    }
}
