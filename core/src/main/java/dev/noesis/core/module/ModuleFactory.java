package dev.noesis.core.module;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A {@link ThinkingModuleFactory} made of its parts, so that a module's factory is a constructor
 * call:
 *
 * <pre>
 * public static final class Factory extends ModuleFactory&lt;Config&gt; {
 *     public Factory() {
 *         super("planner", "Breaks the question into ordered sub-goals.", Config.class, Planner::new);
 *     }
 * }
 * </pre>
 *
 * A module that exposes values to conditions overrides {@link #conditionValues()}.
 */
public abstract class ModuleFactory<C extends Record> implements ThinkingModuleFactory<C> {

    private final String name;
    private final String description;
    private final Class<C> configType;
    private final BiFunction<C, ModuleEnvironment, ThinkingModule> create;

    protected ModuleFactory(
            String name,
            String description,
            Class<C> configType,
            BiFunction<C, ModuleEnvironment, ThinkingModule> create) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.configType = Objects.requireNonNull(configType, "configType");
        this.create = Objects.requireNonNull(create, "create");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Class<C> configType() {
        return configType;
    }

    /** The module, reporting {@code config} as its settings (see {@link ModuleSettings#attach}). */
    @Override
    public final ThinkingModule create(C config, ModuleEnvironment env) {
        return ModuleSettings.attach(create.apply(config, env), config);
    }
}
