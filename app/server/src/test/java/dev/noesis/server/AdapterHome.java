package dev.noesis.server;

import dev.noesis.jlama.testing.PeftAdapters;
import dev.noesis.jlama.tiny.ModelShape;
import dev.noesis.jlama.tiny.TinyModelWriter;
import dev.noesis.lora.AdapterRegistry;
import dev.noesis.wiring.Models;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Noesis home in a temporary folder with the tiny demo model written ahead of the server (as the
 * server would write it), two LoRA adapters of seeded random weights registered for it, and a
 * pipeline of the user's that routes by keyword. It starts after {@link NoesisHome} (which every
 * server test gets), so its home is the one the server reads; {@link NoesisHome}'s API key holds.
 */
public final class AdapterHome implements QuarkusTestResourceLifecycleManager {

    /** The user's pipeline that routes: keyword strategy, then the generator. */
    public static final String ROUTED = "routed";

    private Path home;
    private String previousHome;

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> start() {
        try {
            home = Files.createTempDirectory("noesis-server-adapters");
            Path model = new TinyModelWriter(ModelShape.TINY, Models.DEMO_SEED)
                    .write(home.resolve("models").resolve(Models.DEMO_MODEL), b -> {});
            AdapterRegistry registry = new AdapterRegistry(home);
            // Strong (alpha/r = 16 on q, v and o), so that the tiny model's greedy answer changes.
            registry.add(
                    PeftAdapters.write(
                            model,
                            home.resolve("src/legal"),
                            PeftAdapters.Spec.of(8, 128, 1, "q_proj", "v_proj", "o_proj")),
                    AdapterRegistry.AddRequest.copyOf()
                            .named("legal")
                            .describedAs("Contracts and tenancy law", List.of("Is a verbal contract binding?"))
                            .withKeywords(List.of("contract", "landlord")));
            registry.add(
                    PeftAdapters.write(
                            model,
                            home.resolve("src/cooking"),
                            PeftAdapters.Spec.of(8, 128, 2, "q_proj", "v_proj", "o_proj")),
                    AdapterRegistry.AddRequest.copyOf().named("cooking").withKeywords(List.of("recipe")));
            Files.createDirectories(home.resolve("pipelines"));
            Files.writeString(home.resolve("pipelines").resolve(ROUTED + ".yaml"), """
                    name: routed
                    description: Chooses the adapter by keyword, then answers on it.
                    steps:
                      - adapter-router: { strategy: keyword, fallback: base }
                      - generator: {}
                    """);
            previousHome = System.getProperty("noesis.home");
            System.setProperty("noesis.home", home.toString());
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (previousHome == null) {
            System.clearProperty("noesis.home");
        } else {
            System.setProperty("noesis.home", previousHome);
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
