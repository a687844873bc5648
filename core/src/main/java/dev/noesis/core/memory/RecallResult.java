package dev.noesis.core.memory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a recall found: the ranked nodes (best first), the edges between them, for each node the
 * path that explains why it is there, and the statements to put in a prompt (best first).
 */
public record RecallResult(
        String cue,
        List<MemoryNode> nodes,
        List<MemoryEdge> edges,
        List<MemoryPath> paths,
        List<MemoryStatement> statements) {

    public RecallResult {
        Objects.requireNonNull(cue, "cue");
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        paths = List.copyOf(paths);
        statements = List.copyOf(statements);
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    public Optional<MemoryPath> pathTo(String nodeId) {
        return paths.stream().filter(p -> p.node().equals(nodeId)).findFirst();
    }

    public Optional<MemoryNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** The statements as a compact block for a prompt, at most {@code maxLines} lines. */
    public String render(int maxLines) {
        StringBuilder b = new StringBuilder();
        statements.stream()
                .limit(maxLines)
                .forEach(s -> b.append("- ").append(s.render()).append('\n'));
        return b.toString();
    }

    public String render() {
        return render(statements.size());
    }
}
