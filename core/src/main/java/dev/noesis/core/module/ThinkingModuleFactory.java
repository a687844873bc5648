package dev.noesis.core.module;

import java.util.List;

/**
 * Makes a {@link ThinkingModule} from its pipeline configuration. Factories are found with
 * {@link java.util.ServiceLoader}: a third party adds a module with one factory class and one
 * line naming it in {@code META-INF/services/dev.noesis.core.module.ThinkingModuleFactory}.
 *
 * @param <C> the module's configuration, a record: a pipeline's YAML mapping is converted to it,
 *            and keys it does not have are rejected with their position in the file
 */
public interface ThinkingModuleFactory<C extends Record> {

    /** The name pipelines use, e.g. {@code planner}. Lower case, words joined by '-'. */
    String name();

    /** One sentence on what the module does, for `noesis pipelines modules`. */
    String description();

    Class<C> configType();

    /**
     * The values this module exposes to pipeline conditions ({@code when}, {@code until}), each
     * named {@code <module name>.<value>}: a router can say which way it went, a checker whether
     * it passed. None by default.
     */
    default List<ConditionValue> conditionValues() {
        return List.of();
    }

    /**
     * @param config the configuration, already converted and checked by its record's constructor
     * @param env    the ports and templates the module may use
     */
    ThinkingModule create(C config, ModuleEnvironment env);
}
