package dev.noesis.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registering, listing, showing and removing adapters; nothing half-registered on failure. */
class AdapterRegistryTest {

    @TempDir
    Path tmp;

    private AdapterRegistry registry() {
        return new AdapterRegistry(tmp.resolve("home"));
    }

    @Test
    void anAddedAdapterIsCopiedInAndListedWithItsMetadata() throws IOException {
        Path source = TestAdapterFolders.write(tmp.resolve("legal-v1"), "meta-llama/Llama-3.2-1B", 1f);
        AdapterRegistry r = registry();

        AdapterEntry e = r.add(
                source,
                AdapterRegistry.AddRequest.copyOf()
                        .named("legal")
                        .describedAs("Contracts and court rulings", List.of("Is this clause enforceable?"))
                        .withKeywords(List.of("contract")));

        assertThat(e.folder()).isEqualTo(r.root().resolve("legal").resolve("peft"));
        assertThat(e.folder().resolve(PeftFolder.WEIGHTS_FILE))
                .hasSameBinaryContentAs(source.resolve(PeftFolder.WEIGHTS_FILE));
        assertThat(e.contentHash())
                .startsWith("sha256:")
                .isEqualTo(PeftFolder.open(source).contentHash());
        AdapterEntry shown = new AdapterRegistry(tmp.resolve("home")).show("legal");
        assertThat(shown.description()).isEqualTo("Contracts and court rulings");
        assertThat(shown.examples()).containsExactly("Is this clause enforceable?");
        assertThat(shown.keywords()).containsExactly("contract");
        assertThat(shown.baseModel()).contains("meta-llama/Llama-3.2-1B");
        assertThat(shown.rank()).isEqualTo(1);
        assertThat(shown.targetModules()).containsExactly("q_proj");
        assertThat(r.unchanged(shown)).isTrue();
        assertThat(r.list()).extracting(AdapterEntry::name).containsExactly("legal");
    }

    @Test
    void aReferencedAdapterStaysWhereItIsAndItsChangeIsNoticed() throws IOException {
        Path source = TestAdapterFolders.write(tmp.resolve("med"), null, 1f);
        AdapterRegistry r = registry();

        AdapterEntry e = r.add(source, AdapterRegistry.AddRequest.copyOf().byReference());

        assertThat(e.name()).isEqualTo("med");
        assertThat(e.folder()).isEqualTo(source.toAbsolutePath().normalize());
        TestAdapterFolders.write(source, null, 2f);
        assertThat(r.unchanged(r.show("med"))).isFalse();
        r.remove("med");
        assertThat(source.resolve(PeftFolder.WEIGHTS_FILE)).exists();
    }

    @Test
    void aNameClashIsRefusedAndTheFirstAdapterIsKept() throws IOException {
        AdapterRegistry r = registry();
        r.add(
                TestAdapterFolders.write(tmp.resolve("a"), null, 1f),
                AdapterRegistry.AddRequest.copyOf().named("x"));
        String hash = r.show("x").contentHash();

        assertThatThrownBy(() -> r.add(
                        TestAdapterFolders.write(tmp.resolve("b"), null, 2f),
                        AdapterRegistry.AddRequest.copyOf().named("x")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("\"x\" is already registered");
        assertThat(r.show("x").contentHash()).isEqualTo(hash);
        assertThat(leftovers(r)).isEmpty();
    }

    @Test
    void aBrokenFolderLeavesNothingBehind() throws IOException {
        Path source = TestAdapterFolders.write(tmp.resolve("broken"), null, 1f);
        Files.write(source.resolve(PeftFolder.WEIGHTS_FILE), new byte[0]);
        AdapterRegistry r = registry();

        assertThatThrownBy(() -> r.add(source, AdapterRegistry.AddRequest.copyOf()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty (0 bytes)");
        assertThat(r.list()).isEmpty();
        assertThat(leftovers(r)).isEmpty();
    }

    @Test
    void badNamesAreRefused() throws IOException {
        Path source = TestAdapterFolders.write(tmp.resolve("ok"), null, 1f);
        AdapterRegistry r = registry();
        for (String bad : List.of("../evil", "", ".hidden", "-flag", "base", "auto", "a/b", "x".repeat(65))) {
            assertThatThrownBy(() ->
                            r.add(source, AdapterRegistry.AddRequest.copyOf().named(bad)))
                    .as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("cannot be an adapter name");
        }
        assertThat(r.list()).isEmpty();
    }

    @Test
    void removeDeletesTheCopyAndUnknownNamesListTheKnownOnes() throws IOException {
        AdapterRegistry r = registry();
        r.add(
                TestAdapterFolders.write(tmp.resolve("a"), null, 1f),
                AdapterRegistry.AddRequest.copyOf().named("one"));
        r.add(
                TestAdapterFolders.write(tmp.resolve("b"), null, 1f),
                AdapterRegistry.AddRequest.copyOf().named("two"));

        AdapterEntry removed = r.remove("one");

        assertThat(removed.folder()).doesNotExist();
        assertThat(r.list()).extracting(AdapterEntry::name).containsExactly("two");
        assertThatThrownBy(() -> r.show("one"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("registered: two");
        assertThat(leftovers(r)).isEmpty();
    }

    private static List<Path> leftovers(AdapterRegistry r) throws IOException {
        if (!Files.exists(r.root())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(r.root())) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }
}
