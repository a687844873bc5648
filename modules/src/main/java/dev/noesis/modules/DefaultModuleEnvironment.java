package dev.noesis.modules;

import dev.noesis.core.module.ModuleEnvironment;
import dev.noesis.core.module.Templates;
import java.util.Optional;

/** The environment built-in modules run in: the shipped templates (with the user's overrides). */
public record DefaultModuleEnvironment(Templates templates) implements ModuleEnvironment {

    /** Shipped templates only. */
    public static DefaultModuleEnvironment shipped() {
        return new DefaultModuleEnvironment(new ResourceTemplates(Optional.empty()));
    }
}
