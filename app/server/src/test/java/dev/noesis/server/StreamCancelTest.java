package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A client that goes away mid-stream stops its run: generation ends early and the run's place in the queue is free. */
@QuarkusTest
@QuarkusTestResource(NoesisHome.class)
class StreamCancelTest {

    private static final int ASKED = 2000;

    @TestHTTPResource("/")
    URL base;

    @Inject
    NoesisService noesis;

    @Test
    void aClientThatDisconnectsCancelsItsRun() throws Exception {
        String body = "{\"model\":\"raw\",\"stream\":true,\"temperature\":1.0,\"seed\":11,\"max_tokens\":" + ASKED
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Tell a very long story.\"}]}";
        String runId = null;
        int contentChunks = 0;
        // A plain socket, so that leaving is a closed connection, as when a client process dies.
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer "
                            + NoesisHome.KEY + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line; contentChunks < 3 && (line = in.readLine()) != null; ) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("x-noesis-run-id:")) {
                    runId = line.substring(line.indexOf(':') + 1).strip();
                } else if (line.contains("\"content\"") && !line.contains("\"role\"")) {
                    contentChunks++;
                }
            }
        }
        assertThat(runId).isNotNull();
        assertThat(contentChunks).isEqualTo(3);

        Optional<dev.noesis.orchestrator.RunRecord> record = Optional.empty();
        for (int i = 0; i < 300 && record.isEmpty(); i++) {
            Thread.sleep(100);
            record = noesis.runs().get(runId);
        }

        assertThat(record).as("the run ended after the client left").isPresent();
        JsonNode run = new ObjectMapper().valueToTree(record.get());
        assertThat(run.path("outcome").asText())
                .as(run.path("usage").toString())
                .isEqualTo("CANCELLED");
        assertThat(run.path("usage").path("completionTokens").asLong()).isLessThan(ASKED);
        assertThat(noesis.gate().load()).isZero();
    }
}
