package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One run has the model, a bounded queue waits, and a request beyond it is refused at once with 429. */
@QuarkusTest
@QuarkusTestResource(NoesisHome.class)
class QueueTest {

    /** {@link NoesisHome} sets a queue of 4: one run and four waiting. */
    private static final int CAPACITY = 5;

    private static final String LONG = "{\"model\":\"raw\",\"stream\":true,\"temperature\":1.0,\"seed\":11,"
            + "\"max_tokens\":2000,\"messages\":[{\"role\":\"user\",\"content\":\"Tell a very long story.\"}]}";

    @TestHTTPResource("/")
    URL base;

    @Inject
    NoesisService noesis;

    @Test
    void aRequestBeyondTheQueueIsRefusedAtOnce() throws Exception {
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CAPACITY; i++) {
                clients.add(send(LONG));
            }
            for (int i = 0; i < 100 && noesis.gate().load() < CAPACITY; i++) {
                Thread.sleep(20);
            }
            assertThat(noesis.gate().load()).isEqualTo(CAPACITY);

            long start = System.nanoTime();
            HttpResponse<String> refused = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "v1/chat/completions"))
                                    .header("Authorization", "Bearer " + NoesisHome.KEY)
                                    .POST(HttpRequest.BodyPublishers.ofString(LONG))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).contains("\"code\":\"queue_full\"");
            assertThat((System.nanoTime() - start) / 1_000_000)
                    .as("ms to refuse")
                    .isLessThan(2_000);
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
        // The clients left: the running one stops at its next token, the waiting ones are not run.
        for (int i = 0; i < 300 && noesis.gate().load() > 0; i++) {
            Thread.sleep(50);
        }
        assertThat(noesis.gate().load()).isZero();
    }

    private Socket send(String body) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer "
                        + NoesisHome.KEY + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                        + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        return socket;
    }
}
