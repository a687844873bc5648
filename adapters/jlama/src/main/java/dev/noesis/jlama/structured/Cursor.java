package dev.noesis.jlama.structured;

import java.util.ArrayList;
import java.util.List;

/** Where a document stands: every position still alive (one, unless anyOf branches are open). Immutable. */
final class Cursor {

    final JsonMachine.Frame[] positions;

    private Cursor(JsonMachine.Frame[] positions) {
        this.positions = positions;
    }

    static Cursor start(JsonMachine.Plan plan) {
        return new Cursor(new JsonMachine.Frame[] {new JsonMachine.Root(plan, false, 0)});
    }

    static Cursor of(JsonMachine.Frame position) {
        return new Cursor(new JsonMachine.Frame[] {position});
    }

    /** The cursor after byte {@code b} (0..255), or null when no position accepts it. */
    Cursor advance(int b) {
        List<JsonMachine.Frame> out = new ArrayList<>(positions.length);
        for (JsonMachine.Frame p : positions) {
            p.feed(b, out);
            if (out.size() >= JsonMachine.MAX_POSITIONS) {
                break;
            }
        }
        return out.isEmpty() ? null : new Cursor(out.toArray(JsonMachine.Frame[]::new));
    }

    /** The cursor after {@code bytes[from..)}, or null. */
    Cursor advance(byte[] bytes, int from) {
        Cursor c = this;
        for (int i = from; i < bytes.length && c != null; i++) {
            c = c.advance(bytes[i] & 0xFF);
        }
        return c;
    }

    /** The root value has closed: nothing but whitespace may follow. */
    boolean complete() {
        for (JsonMachine.Frame p : positions) {
            if (p instanceof JsonMachine.Root r && r.done) {
                return true;
            }
        }
        return false;
    }

    /** The document may end here (a number at the root ends only when the input does). */
    boolean canEnd() {
        for (JsonMachine.Frame p : positions) {
            if (p.end() != null) {
                return true;
            }
        }
        return false;
    }

    /** Every position is inside a free string: the case the precomputed tables serve. */
    boolean allInFreeStrings() {
        for (JsonMachine.Frame p : positions) {
            if (!(p instanceof JsonMachine.StringFrame)) {
                return false;
            }
        }
        return true;
    }
}
