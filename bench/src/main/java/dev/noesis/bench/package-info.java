/**
 * JMH micro-benchmarks, not part of the distribution: {@link OrchestrationBench} measures what
 * Noesis itself costs per pipeline step, with a model double that answers at once, and
 * {@link HarnessBench} what the experiment harness costs per item, with an arm that answers at once.
 *
 * <p>Imports core, the orchestrator, the modules'
 * {@link dev.noesis.modules.DefaultModuleEnvironment} and the experiments harness, with JMH; nothing
 * imports it.
 */
package dev.noesis.bench;
