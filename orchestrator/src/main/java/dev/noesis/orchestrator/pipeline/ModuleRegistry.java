package dev.noesis.orchestrator.pipeline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.module.ModuleEnvironment;
import dev.noesis.core.module.ModuleSettings;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.module.ThinkingModuleFactory;
import dev.noesis.orchestrator.Conditions;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The thinking modules on the class path, found through {@link ServiceLoader}, and the
 * environment they are made in. A module's YAML configuration is converted to its config record;
 * a setting the record does not have, or a value of the wrong kind, is reported by name.
 */
public final class ModuleRegistry {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private final Map<String, ThinkingModuleFactory<?>> factories;
    private final ModuleEnvironment env;
    private final Conditions conditions;

    private ModuleRegistry(Map<String, ThinkingModuleFactory<?>> factories, ModuleEnvironment env) {
        this.factories = factories;
        this.env = env;
        this.conditions = Conditions.of(factories.values());
    }

    /** Every module factory visible to this class's class loader. */
    public static ModuleRegistry load(ModuleEnvironment env) {
        Map<String, ThinkingModuleFactory<?>> found = new TreeMap<>();
        for (ThinkingModuleFactory<?> f :
                ServiceLoader.load(ThinkingModuleFactory.class, ModuleRegistry.class.getClassLoader())) {
            add(found, f);
        }
        return new ModuleRegistry(found, env);
    }

    /** This registry and {@code factory}: a module that is not on the class path (a test's, an embedder's). */
    public ModuleRegistry with(ThinkingModuleFactory<?> factory) {
        Map<String, ThinkingModuleFactory<?>> more = new TreeMap<>(factories);
        add(more, factory);
        return new ModuleRegistry(more, env);
    }

    private static void add(Map<String, ThinkingModuleFactory<?>> found, ThinkingModuleFactory<?> f) {
        ThinkingModuleFactory<?> earlier = found.putIfAbsent(f.name(), f);
        if (earlier != null) {
            throw new IllegalStateException("two modules are named '" + f.name() + "': "
                    + earlier.getClass().getName() + " and " + f.getClass().getName());
        }
    }

    /** The values conditions may read: the state's and those the modules declare. */
    public Conditions conditions() {
        return conditions;
    }

    /** The names conditions may read, sorted: what {@code noesis pipelines modules} lists. */
    public List<String> conditionNames() {
        return conditions.names();
    }

    public Set<String> names() {
        return factories.keySet();
    }

    public Optional<ThinkingModuleFactory<?>> factory(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    /** The settings a module's configuration has. */
    public List<String> settings(String name) {
        RecordComponent[] components = factories.get(name).configType().getRecordComponents();
        return Arrays.stream(components).map(RecordComponent::getName).toList();
    }

    /**
     * Makes a module.
     *
     * @throws SettingException naming the setting at fault, when the configuration is wrong
     */
    public ThinkingModule create(String name, Map<String, Object> config) {
        ThinkingModuleFactory<?> f = factories.get(name);
        if (f == null) {
            throw new InvalidInputException(
                    "Unknown module '" + name + "'. Modules: " + String.join(", ", names()) + ".");
        }
        return make(f, config);
    }

    private <C extends Record> ThinkingModule make(ThinkingModuleFactory<C> f, Map<String, Object> config) {
        C typed;
        try {
            typed = JSON.convertValue(config, f.configType());
        } catch (IllegalArgumentException e) {
            throw translate(f.name(), e.getCause() == null ? e : e.getCause());
        }
        ThinkingModule made;
        try {
            made = f.create(typed, env);
        } catch (SettingException e) {
            throw e;
        } catch (InvalidInputException e) {
            // What the factory refuses (e.g. an adapter that is not registered) is reported at the module, like a
            // setting.
            throw new SettingException(null, e.getMessage().replaceAll("\\.$", ""));
        }
        // The trace records the record the module was made from, whatever the factory's kind.
        return ModuleSettings.attach(made, typed);
    }

    private RuntimeException translate(String module, Throwable e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return new SettingException(
                    u.getPropertyName(),
                    "'" + u.getPropertyName() + "' is not a setting of " + module + "; its settings are: "
                            + String.join(", ", settings(module)));
        }
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof InvalidInputException bad) {
            return new SettingException(null, bad.getMessage());
        }
        if (e instanceof MismatchedInputException m) {
            String setting = m.getPath().stream()
                    .map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .collect(Collectors.joining("."));
            String expected = m.getTargetType() == null ? "another kind of value" : kind(m.getTargetType());
            return new SettingException(
                    setting.isEmpty() ? null : setting.split("\\.")[0],
                    "the setting '" + setting + "' of " + module + " must be " + expected);
        }
        return new SettingException(null, "the settings of " + module + " cannot be read: " + e.getMessage());
    }

    private static String kind(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of settings";
    }

    /** A module's configuration is wrong; {@link #setting()} names the setting at fault when known. */
    public static final class SettingException extends InvalidInputException {
        private final String setting;

        SettingException(String setting, String message) {
            super(message);
            this.setting = setting;
        }

        public String setting() {
            return setting;
        }
    }
}
