package dev.noesis.server;

import dev.noesis.retrieval.ingest.Ingestor;
import dev.noesis.wiring.Documents;
import dev.noesis.wiring.NoesisConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A {@link NoesisHome} whose document index holds two small files, ingested through the real wiring before start. */
public final class IndexedHome implements QuarkusTestResourceLifecycleManager {

    private final NoesisHome home = new NoesisHome();

    @Override
    public Map<String, String> start() {
        Map<String, String> settings = home.start();
        try {
            Path docs = Files.createTempDirectory("noesis-server-docs");
            Files.writeString(docs.resolve("volcanoes.md"), """
                    # Volcanoes
                    Basaltic lava from shield volcanoes flows far because it is runny and hot.
                    """);
            Files.writeString(docs.resolve("bread.md"), """
                    # Bread
                    Sourdough rises through wild yeast and lactic bacteria in a starter.
                    """);
            new Documents(NoesisConfig.load(Map.of()))
                    .ingest(List.of(docs), Ingestor.Settings.DEFAULTS, new Ingestor.Listener() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return settings;
    }

    @Override
    public void stop() {
        home.stop();
    }
}
