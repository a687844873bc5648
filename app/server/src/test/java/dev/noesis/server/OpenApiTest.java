package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document names every endpoint the server has: the JAX-RS resources are found on the
 * compiled class path, not listed here, so a new endpoint that the document missed fails this test.
 */
@QuarkusTest
@QuarkusTestResource(NoesisHome.class)
class OpenApiTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theDocumentDescribesEveryResourcePathAndSwaggerUiIsServed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> doc = http.send(
                HttpRequest.newBuilder(URI.create(base + "q/openapi?format=json"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(doc.statusCode()).isEqualTo(200);
        JsonNode openapi = new ObjectMapper().readTree(doc.body());
        assertThat(openapi.path("info").path("title").asText()).isEqualTo("Noesis");
        Set<String> documented = new TreeSet<>();
        openapi.path("paths").fieldNames().forEachRemaining(documented::add);

        Set<String> served = resourcePaths();
        assertThat(served).contains("/v1/chat/completions", "/api/runs/{id}", "/api/ingest/{id}");
        assertThat(documented).containsAll(served);

        HttpResponse<String> ui = http.send(
                HttpRequest.newBuilder(URI.create(base + "q/swagger-ui/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }

    /** Every class and method {@code @Path} under this package's compiled classes, joined. */
    private static Set<String> resourcePaths() throws Exception {
        Path classes = Path.of(ApiKeyFilter.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("dev/noesis/server"))) {
            files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))
                    .forEach(f -> names.add(
                            classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "")));
        }
        Set<String> paths = new TreeSet<>();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, OpenApiTest.class.getClassLoader());
            jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (root == null) {
                continue;
            }
            boolean any = false;
            for (Method m : type.getDeclaredMethods()) {
                jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                if (sub != null) {
                    paths.add(root.value() + sub.value());
                    any = true;
                } else if (isEndpoint(m)) {
                    paths.add(root.value());
                    any = true;
                }
            }
            assertThat(any).as("%s has endpoints", name).isTrue();
        }
        return paths;
    }

    private static boolean isEndpoint(Method m) {
        return Stream.of(
                        jakarta.ws.rs.GET.class,
                        jakarta.ws.rs.POST.class,
                        jakarta.ws.rs.PUT.class,
                        jakarta.ws.rs.DELETE.class)
                .anyMatch(m::isAnnotationPresent);
    }
}
