package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunTelemetryTest {

    @Test
    void withNoEndpointNothingIsSetUp() {
        assertThat(RunTelemetry.open(Optional.empty()).on()).isFalse();
        assertThat(RunTelemetry.open(Optional.of(" ")).on()).isFalse();
    }

    @Test
    void anEndpointThatIsNoHttpAddressIsRefusedNamingTheSetting() {
        for (String bad : new String[] {"127.0.0.1:4318", "//collector:4318", "grpc://collector:4317", "http://"}) {
            assertThatThrownBy(() -> RunTelemetry.open(Optional.of(bad)))
                    .as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(RunTelemetry.SETTING);
        }
    }

    @Test
    void anHttpEndpointTurnsItOn() {
        try (RunTelemetry t = RunTelemetry.open(Optional.of("http://127.0.0.1:4318"))) {
            assertThat(t.on()).isTrue();
        }
    }
}
