/**
 * The server's benchmark and soak, run on demand by {@code scripts/server-bench} (never by the
 * build's tests): a client process that starts {@code noesis serve}'s own jar as a separate
 * process, times it, and loads it over HTTP. It may import the server's wiring (for the same call
 * made in process) and the JDK's HTTP client; it never reaches into the server's process.
 */
package dev.noesis.server.bench;
