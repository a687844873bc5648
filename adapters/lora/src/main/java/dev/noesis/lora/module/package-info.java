/**
 * The {@code adapter-router} thinking module ({@link dev.noesis.lora.module.AdapterRouterModule}),
 * registered through {@link java.util.ServiceLoader}, and the environment it needs
 * ({@link dev.noesis.lora.module.AdapterEnvironment}). Imports core and {@code dev.noesis.lora}.
 */
package dev.noesis.lora.module;
