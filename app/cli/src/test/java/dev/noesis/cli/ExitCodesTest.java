package dev.noesis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit code says whose problem it is: 2 for input the user can change (a home that is a file,
 * a model folder whose files disagree), 1 for something that failed (the hub cannot be reached).
 * And Noesis's own demo model, when damaged, is written again rather than refused.
 */
class ExitCodesTest {

    @TempDir
    Path home;

    @Test
    void aNoesisHomeThatIsAFileIsBadInput() throws IOException {
        Path file = Files.writeString(home.resolve("not-a-folder"), "x");

        Cli.Result r = new Cli(file).run("pipelines", "list");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(file.toString());
    }

    @Test
    void anUnreachableHubIsAFailureNotBadInput() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        Cli.Result r = new Cli(home)
                .env("HF_ENDPOINT", "http://127.0.0.1:" + closedPort)
                .run("ask", "--model", "acme/not-here", "hi");

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("cannot be reached", "noesis model create-tiny");
    }

    @Test
    void aModelFolderWhoseConfigDisagreesWithItsWeightsIsRefusedNamingTheTensor() throws IOException {
        Path dir = home.resolve("wrong-vocab");
        Cli cli = new Cli(home);
        assertThat(cli.run("model", "create-tiny", dir.toString()).exit()).isZero();
        Path config = dir.resolve("config.json");
        Files.writeString(
                config, Files.readString(config).replaceFirst("\"vocab_size\"\\s*:\\s*\\d+", "\"vocab_size\": 5000"));

        Cli.Result info = cli.run("model", "info", dir.toString());
        Cli.Result ask = cli.run("ask", "--model", dir.toString(), "--max-tokens", "2", "hi");

        assertThat(info.exit()).as(info.err()).isEqualTo(2);
        assertThat(info.err()).contains("embed", "5000");
        assertThat(ask.exit()).as(ask.err()).isEqualTo(2);
        assertThat(ask.err()).contains("5000");
    }

    @Test
    void aDamagedDemoModelIsSetAsideAndWrittenAgain() throws IOException {
        Cli cli = new Cli(home);
        assertThat(cli.run("demo").exit()).isZero();
        Path weights = home.resolve("models/noesis-tiny/model.safetensors");
        try (FileChannel ch = FileChannel.open(weights, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }

        Cli.Result again = cli.run("demo");

        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("cannot be used", "noesis-tiny.damaged-1");
        assertThat(home.resolve("models/noesis-tiny.damaged-1/model.safetensors"))
                .exists();
        assertThat(Files.size(weights))
                .isGreaterThan(Files.size(home.resolve("models/noesis-tiny.damaged-1/model.safetensors")));
    }
}
