/**
 * Structured output, the capability every {@link dev.noesis.core.model.LanguageModel} has
 * ({@link StructuredOutput}). {@link JsonSchema} accepts the subset Noesis can enforce, parsed
 * into {@link SchemaNode}s (anything else is refused at once with an
 * {@link UnsupportedSchemaException}); {@link RegexSubset} compiles a schema's patterns to
 * automata that both validate and steer a decoder; {@link JsonValidator} and {@link JsonText}
 * check and find JSON in a reply; a generation's outcome is a {@link StructuredResult}, or a
 * {@link StructuredOutputException} where the caller needs the value.
 *
 * <p>{@link ValidateAndRepair} is the default for backends that cannot constrain decoding;
 * constrained decoders build on {@link JsonSchema}, {@link SchemaNode} and {@link RegexSubset}.
 *
 * <p>Imports {@code core.model} (prompts and completions), which imports this package back, and
 * {@code core.error}; Jackson ({@code JsonNode}) is the only library in core and is used only
 * here.
 */
package dev.noesis.core.structured;
