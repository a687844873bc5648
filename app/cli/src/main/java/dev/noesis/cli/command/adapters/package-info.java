/**
 * {@code noesis adapters add|list|show|remove|check}: LoRA adapters, over the wiring's
 * {@link dev.noesis.wiring.Adapters}.
 */
package dev.noesis.cli.command.adapters;
