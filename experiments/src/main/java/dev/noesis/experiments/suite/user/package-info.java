/**
 * The user's own suite: a JSON Lines file of items with gold answers (and optional context,
 * documents and facts) and the small YAML beside it that names its metric, extraction rules and
 * instructions. Imports core (errors, facts, schemas), SnakeYAML, Jackson and the other suite packages.
 */
package dev.noesis.experiments.suite.user;
