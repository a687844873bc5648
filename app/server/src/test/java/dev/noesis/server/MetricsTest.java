package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /q/metrics} shows runs, tokens, model time and the queue depth after a chat request on the tiny model. */
@QuarkusTest
@QuarkusTestResource(NoesisHome.class)
class MetricsTest {

    @TestHTTPResource("/")
    URL base;

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oneChatRequestShowsInTheMetrics() throws Exception {
        HttpResponse<String> chat = send(
                HttpRequest.newBuilder(URI.create(base + "v1/chat/completions"))
                        .header("Authorization", "Bearer " + NoesisHome.KEY)
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"model\": \"raw\", \"max_tokens\": 4, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")));
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);

        HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(base + "q/metrics")));
        assertThat(metrics.statusCode()).isEqualTo(200);
        String text = metrics.body();
        String model = "model=\"raw@noesis-tiny\"";
        assertThat(value(text, "noesis_runs_total\\{" + model + ",outcome=\"completed\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(text, "noesis_tokens_generated_total\\{" + model + "}"))
                .isGreaterThan(0);
        assertThat(value(text, "noesis_model_time_seconds_count\\{" + model + "}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(text, "noesis_queue_depth")).isEqualTo(0);
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + "\\s+(\\S+)$").matcher(metrics);
        assertThat(m.find()).as("%s in%n%s", series, metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
