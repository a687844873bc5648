package dev.noesis.server;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link NoesisHome} whose server sends its runs to a collector: a plain HTTP server in the test
 * that keeps every OTLP/HTTP request body sent to {@code /v1/traces}, with its content type.
 */
public final class OtlpHome implements QuarkusTestResourceLifecycleManager {

    /** A request the collector received. */
    public record Received(String contentType, byte[] body) {}

    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

    private final NoesisHome home = new NoesisHome();
    private HttpServer collector;

    @Override
    public Map<String, String> start() {
        try {
            collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        collector.createContext("/v1/traces", exchange -> {
            RECEIVED.add(new Received(
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        Map<String, String> settings = home.start();
        System.setProperty(
                RunTelemetry.SETTING,
                "http://127.0.0.1:" + collector.getAddress().getPort());
        return settings;
    }

    @Override
    public void stop() {
        System.clearProperty(RunTelemetry.SETTING);
        collector.stop(0);
        home.stop();
    }
}
