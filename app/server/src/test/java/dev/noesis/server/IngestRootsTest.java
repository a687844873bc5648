package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestRootsTest {

    @TempDir
    Path dir;

    @Test
    void withNoRootConfiguredEveryPathIs403NamingTheSetting() {
        assertThatThrownBy(() -> new IngestRoots(List.of()).check(List.of(dir.toString())))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining(IngestRoots.SETTING);
    }

    @Test
    void aPathUnderTheRootComesBackResolved() {
        assertThat(new IngestRoots(List.of(dir)).check(List.of(dir + "/.")))
                .containsExactly(dir.toAbsolutePath().normalize());
    }

    @Test
    void textThatIsNoAbsolutePathIs400NamingTheEntry() {
        IngestRoots roots = new IngestRoots(List.of(dir));
        for (String bad : List.of(dir + "/a\u0000b", "relative/folder", " ")) {
            assertThatThrownBy(() -> roots.check(List.of(dir.toString(), bad)))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageContaining("paths[1]");
        }
    }
}
