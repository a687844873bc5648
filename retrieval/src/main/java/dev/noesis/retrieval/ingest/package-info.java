/**
 * Files into the index: {@link Ingestor} takes the files {@link SourceFiles} finds under the paths
 * a user named (confined to them), skips those whose hash is unchanged, parses each with the
 * {@link DocumentParser} that {@link DocumentParsers} picks by extension ({@link TextParser},
 * {@link HtmlParser}, {@link PdfParser}) into a {@link ParsedDocument}, then chunks, embeds and
 * writes it. A file that cannot be read ({@link UnreadableDocumentException}) is reported with its
 * reason and the rest go on.
 *
 * <p>The only package that imports jsoup and PDFBox; of Noesis it imports {@code core.error},
 * {@code retrieval.chunking} and {@code retrieval.index}.
 */
package dev.noesis.retrieval.ingest;
