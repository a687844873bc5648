package dev.noesis.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.module.ModuleSettings;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.module.ThinkingModuleFactory;
import dev.noesis.modules.checks.TableCheck;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What the trace records as a module's configuration is its typed config record, component by component. */
class ModuleConfigTraceTest {

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    @Test
    void everyShippedModulesTraceConfigEqualsItsRecordsComponents() throws Exception {
        List<String> seen = new ArrayList<>();
        for (ThinkingModuleFactory<?> f : ServiceLoader.load(ThinkingModuleFactory.class)) {
            Record config = defaults(f.configType());
            ThinkingModule module = create(f, config);

            assertThat(module.settings()).as(f.name()).contains(config);
            // Read independently of ModuleSettings: Jackson's view of the same record.
            @SuppressWarnings("unchecked")
            Map<String, Object> expected = JSON.convertValue(config, Map.class);
            assertThat(module.config()).as(f.name()).isEqualTo(expected);
            assertThat(module.config().keySet())
                    .as(f.name())
                    .isSubsetOf(Arrays.stream(f.configType().getRecordComponents())
                            .map(RecordComponent::getName)
                            .toList());
            seen.add(f.name());
        }
        assertThat(seen)
                .contains(
                        "critic",
                        "generator",
                        "memory-write",
                        "planner",
                        "reasoning-injector",
                        "retriever",
                        "selector",
                        "validator");
    }

    @Test
    void settingsGivenInAPipelineShowInTheTraceAsGiven() {
        Critic critic =
                new Critic(new Critic.Config("be exact", "all", false, null, 50), DefaultModuleEnvironment.shipped());
        assertThat(critic.config())
                .isEqualTo(Map.of(
                        "rubric",
                        "be exact",
                        "scope",
                        "all",
                        "useEvidence",
                        false,
                        "useChecks",
                        true,
                        "maxTokens",
                        50));

        Generator generator =
                new Generator(new Generator.Config(null, "none", null), DefaultModuleEnvironment.shipped());
        assertThat(generator.config())
                .as("a setting without a value is left out")
                .isEqualTo(Map.of("system", "default", "task", "none"));

        TableCheck.Spec table =
                new TableCheck.Spec("csv", List.of(new TableCheck.Column("name", null, null)), List.of("name"));
        Validator validator = new Validator(new Validator.Config(null, table, null, null, null));
        assertThat(validator.config())
                .containsEntry("table", ModuleSettings.toMap(table))
                .containsEntry("java", false)
                .doesNotContainKey("json");
    }

    /** The record with every setting left out: what an empty mapping in a pipeline gives. */
    private static Record defaults(Class<? extends Record> type) throws Exception {
        Class<?>[] types = Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Constructor<? extends Record> c = type.getDeclaredConstructor(types);
        return c.newInstance(new Object[types.length]);
    }

    @SuppressWarnings("unchecked")
    private static <C extends Record> ThinkingModule create(ThinkingModuleFactory<C> f, Record config) {
        return f.create((C) config, DefaultModuleEnvironment.shipped());
    }
}
