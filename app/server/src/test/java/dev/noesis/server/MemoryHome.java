package dev.noesis.server;

import dev.noesis.memory.server.LocalNeo4j;
import dev.noesis.wiring.NoesisConfig;
import dev.noesis.wiring.Wiring;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;

/**
 * A {@link NoesisHome} whose memory is the wiring's local Neo4j server (a small one), started
 * before the server under test and stopped before the home is removed.
 */
public final class MemoryHome implements QuarkusTestResourceLifecycleManager {

    private final NoesisHome home = new NoesisHome();
    // The launcher that started the server stops it: one made afresh at stop() reads the settings of
    // that moment, which another test resource may have changed, and looks for another home's server.
    private LocalNeo4j server;

    @Override
    public Map<String, String> start() {
        Map<String, String> settings = home.start();
        System.setProperty("noesis.memory.heap", "384m");
        System.setProperty("noesis.memory.page-cache", "32m");
        // Started here, tied to this JVM, so that no server outlives the test run whatever happens to stop().
        server = new Wiring(NoesisConfig.load(Map.of()), new LoggedNotices())
                .memory()
                .localServer();
        server.ensureRunning(ProcessHandle.current().pid());
        return settings;
    }

    @Override
    public void stop() {
        try {
            if (server != null && !server.stop(Duration.ofSeconds(60))) {
                throw new IllegalStateException("The local Neo4j server of the test home was not running at the end");
            }
        } finally {
            System.clearProperty("noesis.memory.heap");
            System.clearProperty("noesis.memory.page-cache");
            home.stop();
        }
    }
}
