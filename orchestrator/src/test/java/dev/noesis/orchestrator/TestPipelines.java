package dev.noesis.orchestrator;

import dev.noesis.modules.DefaultModuleEnvironment;
import dev.noesis.orchestrator.pipeline.ModuleRegistry;
import dev.noesis.orchestrator.pipeline.Pipelines;
import java.util.Optional;

/** The built-in pipelines, as tests load them: shipped modules and templates, no user folder. */
final class TestPipelines {

    static final ModuleRegistry REGISTRY = ModuleRegistry.load(DefaultModuleEnvironment.shipped());
    static final Pipelines CATALOG = new Pipelines(REGISTRY, Optional.empty());

    private TestPipelines() {}

    static Pipeline named(String name) {
        return CATALOG.get(name);
    }
}
