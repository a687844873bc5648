package dev.noesis.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} and the {@code Dockerfile} it builds, read as Docker reads them (no
 * Docker engine runs here): the settings the {@code noesis} service passes are Noesis settings
 * that mean what the file says, every port is published on loopback only, and a server that
 * listens on every address inside its container has an API key.
 */
class DockerComposeTest {

    /** {@code ${NAME:-default}} and {@code ${NAME:?message}}, as Compose interpolates them. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:[-?])([^}]*)}");

    private static Path root;
    private static Map<String, Object> compose;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docker-compose.yml"))) {
            root = root.getParent();
        }
        compose = new Yaml().load(Files.readString(root.resolve("docker-compose.yml")));
    }

    @Test
    void theNoesisServiceSettingsAreNoesisSettings() {
        Map<String, String> env = new HashMap<>();
        environment("noesis").forEach((k, v) -> env.put(k, interpolate(v, Map.of("NEO4J_PASSWORD", "secret"))));
        env.put("NOESIS_HOME", dockerfileEnv("NOESIS_HOME"));

        // An unknown NOESIS_* key or a value of the wrong kind fails here, naming it.
        NoesisConfig config = ConfigLoader.load(env, new Properties(), Map.of());

        assertThat(config.memory().uri()).contains("bolt://neo4j:7687");
        assertThat(config.memory().password()).contains("secret");
        assertThat(config.model())
                .as("no NOESIS_MODEL given: the default model")
                .isEmpty();
        assertThat(config.openai().modelName()).isEmpty();
        assertThat(config.server().apiKeyFile()).contains(Path.of("/run/secrets/noesis_api_key"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServerListensOnEveryAddressOnlyWithAKeyFromASecret() throws IOException {
        String dockerfile = Files.readString(root.resolve("Dockerfile"));
        assertThat(dockerfile).contains("CMD [\"--host\", \"0.0.0.0\"");
        Map<String, Object> noesis = service("noesis");
        assertThat((List<String>) noesis.get("secrets")).contains("noesis_api_key");
        assertThat(environment("noesis").get("NOESIS_SERVER_API_KEY_FILE")).isEqualTo("/run/secrets/noesis_api_key");
        assertThat(((Map<String, Object>) compose.get("secrets")).keySet()).contains("noesis_api_key");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPortIsPublishedOnLoopbackOnly() {
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsKeys("noesis", "neo4j", "ollama");
        services.forEach((name, s) -> {
            List<String> ports = (List<String>) ((Map<String, Object>) s).getOrDefault("ports", List.of());
            assertThat(ports).as(name).allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"));
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDataHomeIsAVolume() {
        String home = dockerfileEnv("NOESIS_HOME");
        assertThat((List<String>) service("noesis").get("volumes")).contains("noesis-data:" + home);
        assertThat(((Map<String, Object>) compose.get("volumes")).keySet()).contains("noesis-data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String name) {
        Map<String, String> env = new HashMap<>();
        ((Map<String, Object>) service(name).get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    private static String interpolate(String value, Map<String, String> given) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = given.get(m.group(1));
            if (v == null) {
                assertThat(m.group(2))
                        .as("%s must be given (%s)", m.group(1), m.group(3))
                        .isEqualTo(":-");
                v = m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The value an {@code ENV NAME=VALUE} line of the Dockerfile's last stage gives. */
    private static String dockerfileEnv(String name) {
        try {
            String dockerfile = Files.readString(root.resolve("Dockerfile"));
            String last = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
            Matcher m = Pattern.compile("\\b" + name + "=(\\S+)").matcher(last);
            assertThat(m.find()).as("the image sets " + name).isTrue();
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
