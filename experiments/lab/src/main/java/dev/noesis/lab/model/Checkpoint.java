package dev.noesis.lab.model;

import dev.noesis.core.error.ModelFormatException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state a training run resumes from: the step reached, the learning-rate scale the NaN guard
 * left, and each parameter with its two AdamW moments. Written to a temporary file and moved into
 * place, so an interrupted write leaves the previous checkpoint intact.
 */
record Checkpoint(int step, double lrScale, Map<String, float[][]> tensors) {

    private static final int MAGIC = 0x4E4C434B; // "NLCK"
    private static final int VERSION = 1;

    void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(step);
            out.writeDouble(lrScale);
            out.writeInt(tensors.size());
            for (var e : tensors.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.writeInt(e.getValue()[0].length);
                for (float[] part : e.getValue()) {
                    for (float f : part) {
                        out.writeFloat(f);
                    }
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Checkpoint read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new ModelFormatException(file + " is not a Noesis lab checkpoint (version " + VERSION + ").");
            }
            int step = in.readInt();
            double lrScale = in.readDouble();
            int count = in.readInt();
            Map<String, float[][]> tensors = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int parts = in.readInt();
                int length = in.readInt();
                float[][] values = new float[parts][length];
                for (float[] part : values) {
                    for (int k = 0; k < length; k++) {
                        part[k] = in.readFloat();
                    }
                }
                tensors.put(name, values);
            }
            return new Checkpoint(step, lrScale, tensors);
        } catch (IOException e) {
            throw new ModelFormatException("The checkpoint " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
