package dev.noesis.benchmarks.beir;

/** One line of a BEIR {@code corpus.jsonl}. */
public record BeirDocument(String id, String title, String text) {}
