/**
 * JMH micro-benchmarks, not part of the distribution: {@link OrchestrationBench} measures what
 * Noesis itself costs per pipeline step, with a model double that answers at once.
 *
 * <p>Imports core, the orchestrator and the modules'
 * {@link dev.noesis.modules.DefaultModuleEnvironment}, with JMH; nothing imports it.
 */
package dev.noesis.bench;
