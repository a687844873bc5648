package dev.noesis.core.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.thought.ThoughtState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModuleSettingsTest {

    record Inner(String format, List<String> key) {}

    record Settings(Integer k, String style, Inner table, List<Inner> more, Boolean flag, String unset) {}

    /** A module that does not report its settings, as a third party's might not. */
    private static final class Plain implements ThinkingModule {
        @Override
        public String name() {
            return "plain";
        }

        @Override
        public ThoughtState apply(ThoughtState state, StepContext context) {
            return state;
        }
    }

    @Test
    void theTraceConfigIsTheRecordsComponentsInOrderWithNestedRecordsAsMapsAndNullsLeftOut() {
        Settings s = new Settings(
                5, "outline", new Inner("csv", List.of("id")), List.of(new Inner("md", List.of())), true, null);

        Map<String, Object> map = ModuleSettings.toMap(s);

        assertThat(map)
                .containsExactly(
                        Map.entry("k", 5),
                        Map.entry("style", "outline"),
                        Map.entry("table", Map.of("format", "csv", "key", List.of("id"))),
                        Map.entry("more", List.of(Map.of("format", "md", "key", List.of()))),
                        Map.entry("flag", true));
    }

    @Test
    void aFactoryMadeModuleReportsTheRecordItWasMadeFromEvenWhenItDoesNotSaySo() {
        Settings s = new Settings(3, null, null, List.of(), false, null);
        ModuleFactory<Settings> factory =
                new ModuleFactory<>("plain", "does nothing", Settings.class, (c, env) -> new Plain()) {};

        ThinkingModule m = factory.create(s, () -> (module, name, values) -> "");

        assertThat(m.name()).isEqualTo("plain");
        assertThat(m.settings()).contains(s);
        assertThat(m.config())
                .isEqualTo(ModuleSettings.toMap(s))
                .containsEntry("k", 3)
                .doesNotContainKey("style");
    }

    @Test
    void aModuleThatReportsOtherSettingsThanItWasMadeFromIsADefect() {
        Settings made = new Settings(3, null, null, List.of(), false, null);
        Settings other = new Settings(4, null, null, List.of(), false, null);
        ThinkingModule lying = new ThinkingModule() {
            @Override
            public String name() {
                return "lying";
            }

            @Override
            public Optional<Record> settings() {
                return Optional.of(other);
            }

            @Override
            public ThoughtState apply(ThoughtState state, StepContext context) {
                return state;
            }
        };

        assertThatThrownBy(() -> ModuleSettings.attach(lying, made)).isInstanceOf(IllegalStateException.class);
        assertThat(ModuleSettings.attach(lying, other)).isSameAs(lying);
    }
}
