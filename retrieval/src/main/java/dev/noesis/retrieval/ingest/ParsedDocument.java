package dev.noesis.retrieval.ingest;

/**
 * A file's text, ready to chunk.
 *
 * @param title    its title (from the file's own metadata or first heading, else its name)
 * @param text     its text; markdown headings ({@code # ...}) mark sections when {@code markdown} is set
 * @param markdown whether {@code text} has markdown headings to respect
 */
public record ParsedDocument(String title, String text, boolean markdown) {}
