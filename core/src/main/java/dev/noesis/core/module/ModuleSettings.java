package dev.noesis.core.module;

import dev.noesis.core.thought.ThoughtState;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A module's typed configuration (its config record) as the trace records it, and the link
 * between a module and the record it was made from.
 */
public final class ModuleSettings {

    private ModuleSettings() {}

    /**
     * The record's components by name, in declaration order: nested records become maps of their
     * own, lists and maps are converted element by element, other values are kept as they are.
     * Components that are null (a setting left out, with no default) are left out, as a setting
     * that was not given.
     */
    public static Map<String, Object> toMap(Record settings) {
        Objects.requireNonNull(settings, "settings");
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : settings.getClass().getRecordComponents()) {
            Object value = plain(read(settings, c));
            if (value != null) {
                out.put(c.getName(), value);
            }
        }
        return out;
    }

    /**
     * {@code module}, reporting {@code settings} as its configuration: the module itself when it
     * already reports them, else a module that runs it and reports them.
     *
     * @throws IllegalStateException when the module reports other settings than those it was made
     *                               from (a defect of the module)
     */
    public static ThinkingModule attach(ThinkingModule module, Record settings) {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(settings, "settings");
        Optional<Record> own = module.settings();
        if (own.isPresent()) {
            if (!own.get().equals(settings)) {
                throw new IllegalStateException("the module " + module.name() + " reports the settings " + own.get()
                        + " but was made from " + settings);
            }
            return module;
        }
        return new Configured(module, settings);
    }

    private static Object read(Record record, RecordComponent c) {
        Method accessor = c.getAccessor();
        // A config record declared in a class that is not public (a test's, a plug-in's) is still read.
        accessor.trySetAccessible();
        try {
            return accessor.invoke(record);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(
                    "cannot read the setting " + c.getName() + " of "
                            + record.getClass().getName(),
                    e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("reading the setting " + c.getName() + " failed", e.getCause());
        }
    }

    private static Object plain(Object value) {
        if (value instanceof Record r) {
            return toMap(r);
        }
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(plain(o));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, plain(v)));
            return out;
        }
        if (value instanceof Optional<?> o) {
            return o.map(ModuleSettings::plain).orElse(null);
        }
        return value;
    }

    /** A module that does not report its own settings, with those its factory made it from. */
    private record Configured(ThinkingModule module, Record made) implements ThinkingModule {
        @Override
        public String name() {
            return module.name();
        }

        @Override
        public Optional<Record> settings() {
            return Optional.of(made);
        }

        @Override
        public ThoughtState apply(ThoughtState state, StepContext context) {
            return module.apply(state, context);
        }
    }
}
