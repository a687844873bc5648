package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServeOptionsTest {

    @Test
    void optionsBecomeConfigurationKeys() {
        ServeOptions o = ServeOptions.parse("--host", "0.0.0.0", "--port=9000", "--api-key-file", "/k");

        assertThat(o.toSystemProperties())
                .isEqualTo(Map.of(
                        "quarkus.http.host", "0.0.0.0",
                        "quarkus.http.port", "9000",
                        "noesis.server.api-key-file", "/k"));
        assertThat(ServeOptions.parse().toSystemProperties()).isEmpty();
    }

    @Test
    void mistakesSayWhatWasExpected() {
        assertThatThrownBy(() -> ServeOptions.parse("--port", "http")).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> ServeOptions.parse("--host")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ServeOptions.parse("--verbose")).hasMessageContaining("unknown option");
    }
}
