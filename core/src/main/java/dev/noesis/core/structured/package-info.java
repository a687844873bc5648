/**
 * JSON schemas and JSON text, with no model in sight. {@link JsonSchema} accepts the subset Noesis
 * can enforce, parsed into {@link SchemaNode}s (anything else is refused at once with an
 * {@link UnsupportedSchemaException}); {@link RegexSubset} compiles a schema's patterns to
 * automata that both validate and steer a decoder; {@link JsonValidator} and {@link JsonText}
 * check and find JSON in a reply. Constrained decoders build on {@link JsonSchema},
 * {@link SchemaNode} and {@link RegexSubset}.
 *
 * <p>How a model produces structured output (the outcome, validate-and-repair) lives in
 * {@code core.model}, which imports this package; this package imports only {@code core.error}.
 * Jackson ({@code JsonNode}) is the only library in core and is used only here and by the
 * structured-output types of {@code core.model}.
 */
package dev.noesis.core.structured;
