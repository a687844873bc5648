package dev.noesis.app;

import dev.noesis.modules.DefaultModuleEnvironment;
import dev.noesis.modules.ResourceTemplates;
import dev.noesis.orchestrator.pipeline.ModuleRegistry;
import dev.noesis.orchestrator.pipeline.Pipelines;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Wires the thinking modules for the application: their environment (templates with the user's
 * overrides), the module registry, and the pipeline catalog with the user's pipelines folder.
 */
public final class Composition {

    private final ModuleRegistry registry;
    private final Pipelines pipelines;

    public Composition(NoesisConfig config) {
        var templates = new ResourceTemplates(Optional.of(config.templatesDir()).filter(Files::isDirectory));
        this.registry = ModuleRegistry.load(new DefaultModuleEnvironment(templates));
        this.pipelines = new Pipelines(registry, Optional.of(config.pipelinesDir()).filter(Files::isDirectory));
    }

    public ModuleRegistry registry() {
        return registry;
    }

    public Pipelines pipelines() {
        return pipelines;
    }
}
