package dev.noesis.jlama.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.noesis.core.error.BackendException;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.ModelNotFoundException;
import dev.noesis.core.error.Remedy;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Prompt;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.testing.TinyModels;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a hub served on loopback (the hub's HTTP API, serving a real tiny model's files). */
class HubModelsTest {

    @TempDir
    Path models;

    private HttpServer hub;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startHub() throws IOException {
        Path model = TinyModels.standard();
        hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/models/acme/tiny/tree/main")) {
                List<Map<String, Object>> listing = new ArrayList<>();
                try (Stream<Path> files = Files.list(model)) {
                    for (Path f : files.sorted().toList()) {
                        Map<String, Object> e = new LinkedHashMap<>();
                        e.put("type", "file");
                        e.put("path", f.getFileName().toString());
                        e.put("size", Files.size(f));
                        listing.add(e);
                    }
                }
                listing.add(Map.of("type", "file", "path", "../../escape.json", "size", 2));
                listing.add(Map.of("type", "file", "path", "onnx/model.onnx", "size", 2));
                respond(exchange, 200, new ObjectMapper().writeValueAsBytes(listing));
            } else if (path.startsWith("/acme/tiny/resolve/main/")) {
                Path f = model.resolve(path.substring("/acme/tiny/resolve/main/".length()));
                respond(exchange, 200, Files.readAllBytes(f));
            } else {
                respond(exchange, 404, "{}".getBytes());
            }
        });
        hub.start();
    }

    @AfterEach
    void stopHub() {
        hub.stop(0);
    }

    private HubModels client(String endpoint) {
        return new HubModels(models, endpoint, Optional.of("secret-token"));
    }

    private String endpoint() {
        return "http://127.0.0.1:" + hub.getAddress().getPort();
    }

    @Test
    void downloadsAModelThatThenLoadsAndIsReusedFromTheCache() {
        List<String> progress = new CopyOnWriteArrayList<>();
        Path dir = client(endpoint())
                .resolve("acme/tiny", (file, done, total) -> progress.add(file + ":" + done + "/" + total));

        assertThat(dir).isEqualTo(models.resolve("acme_tiny"));
        assertThat(dir.resolve(".finished")).exists();
        assertThat(dir.resolve("model.safetensors"))
                .hasSameBinaryContentAs(TinyModels.standard().resolve("model.safetensors"));
        assertThat(models.resolve("escape.json")).doesNotExist();
        assertThat(dir.resolve("onnx")).doesNotExist();
        assertThat(progress).anyMatch(p -> p.startsWith("model.safetensors:") && p.endsWith("/" + sizeOfWeights()));
        assertThat(authorizations).allMatch(a -> a.equals("Bearer secret-token"));
        try (JlamaLanguageModel m = JlamaLanguageModel.open(dir)) {
            assertThat(m.generate(Prompt.of("hi"), GenerationParams.DEFAULTS.withMaxNewTokens(3))
                            .completionTokens())
                    .isPositive();
        }

        hub.stop(0);
        int before = requests.size();
        assertThat(client(endpoint()).resolve("acme/tiny", HubModels.Progress.NONE))
                .isEqualTo(dir);
        assertThat(requests).hasSize(before);
    }

    @Test
    void anUnknownModelIsReportedAsSuch() {
        assertThatThrownBy(() -> client(endpoint()).resolve("acme/nothing", HubModels.Progress.NONE))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("no model acme/nothing");
        assertThat(models.resolve("acme_nothing")).doesNotExist();
    }

    @Test
    void offlineWithAnUncachedModelSaysWhatToGiveInstead() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        assertThatThrownBy(() -> client("http://127.0.0.1:" + closedPort).resolve("acme/tiny", HubModels.Progress.NONE))
                .isInstanceOfSatisfying(
                        BackendException.class,
                        e -> assertThat(e.remedy()).isEqualTo(Remedy.of(Remedy.Action.CREATE_MODEL)))
                .isNotInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot be reached")
                .hasMessageNotContaining("noesis ")
                .hasMessageContaining(models.resolve("acme_tiny").toString())
                .hasMessageNotContaining("secret-token");
    }

    @Test
    void hubIdsAreRecognisedAndPathTricksAreNot() {
        assertThat(HubModels.isHubId("tjake/Llama-3.2-1B-Instruct-JQ4")).isTrue();
        assertThat(HubModels.isHubId("/home/me/models/llama")).isFalse();
        assertThat(HubModels.isHubId("../x")).isFalse();
        assertThat(HubModels.isHubId("a/..")).isFalse();
        assertThat(HubModels.isHubId("http://localhost:11434/v1")).isFalse();
        assertThat(HubModels.isHubId("owner/name/extra")).isFalse();
    }

    private static long sizeOfWeights() {
        try {
            return Files.size(TinyModels.standard().resolve("model.safetensors"));
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
