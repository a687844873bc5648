package dev.noesis.lab.world;

/** One item of a task domain: the prompt and its only correct answer. */
public record TaskItem(String id, String prompt, String answer) {}
