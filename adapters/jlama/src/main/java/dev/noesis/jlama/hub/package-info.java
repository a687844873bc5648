/**
 * {@link HubModels}: models named by a Hugging Face hub id, kept in a local folder in the layout
 * Jlama uses, downloaded with the JDK's HTTP client (resumable, moved into place only when
 * complete, honouring {@code HF_ENDPOINT}). A download happens only when a user names a hub id.
 *
 * <p>Imports only {@code core.error} and Jackson: no Jlama code, so fetching a model never loads
 * one.
 */
package dev.noesis.jlama.hub;
