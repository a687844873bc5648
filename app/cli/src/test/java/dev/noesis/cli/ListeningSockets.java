package dev.noesis.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The TCP sockets in LISTEN state that this process holds, read from Linux's /proc (the test is skipped elsewhere). */
record ListeningSockets(Set<String> inodes) {

    static ListeningSockets ofThisProcess() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux /proc");
        Set<String> listening = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))
                        .subList(1, Files.readAllLines(Path.of(table)).size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[3].equals("0A")) { // 0A = LISTEN
                        listening.add(f[9]);
                    }
                }
            } catch (IOException e) {
                // no IPv6 table: nothing listens there
            }
        }
        Set<String> ours = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        String inode = target.substring(8, target.length() - 1);
                        if (listening.contains(inode)) {
                            ours.add(inode);
                        }
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor closed while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new ListeningSockets(ours);
    }
}
