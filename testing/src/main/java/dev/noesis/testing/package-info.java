/**
 * Test support for the other modules: {@link LanguageModelContract}, the tests each
 * {@link dev.noesis.core.model.LanguageModel} implementation's test class extends;
 * {@link ScriptedLanguageModel}, the one scripted test double of the model port (held to that
 * contract itself); and {@link OpenAiFormatServer}, an OpenAI-compatible endpoint on loopback that
 * streams a real model's replies by server-sent events.
 *
 * <p>Imports only core of Noesis, with JUnit, AssertJ, Jackson and the JDK's HTTP server. It never
 * imports an adapter, so adapters can test against it, and it is a test-scope dependency only: no
 * production code may import it.
 */
package dev.noesis.testing;
