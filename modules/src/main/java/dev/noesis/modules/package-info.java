/**
 * The built-in thinking modules, each a small {@link dev.noesis.core.module.ThinkingModule} with
 * its factory, registered in {@code META-INF/services}: {@link Planner},
 * {@link EvidenceRetriever}, {@link ReasoningInjector}, {@link Generator}, {@link Critic},
 * {@link Validator}, {@link Selector} and {@link MemoryWriter}. They share a prompt layout
 * ({@link ModulePrompts}, fitted to the model's context by {@link PromptFitter}) and Mustache
 * templates a user can override ({@link ResourceTemplates}); {@link DefaultModuleEnvironment}
 * holds what the application supplies.
 *
 * <p>Imports core only, with JMustache and Jackson: never memory, retrieval or an adapter, since
 * documents, memory and the model reach a module through their ports.
 */
package dev.noesis.modules;
