package dev.noesis.jlama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of one {@code .safetensors} file, checked against the file's length.
 *
 * <p>Jlama memory-maps weight files; a file cut short (an interrupted download or copy) makes it
 * read past the end of the mapping, which kills the JVM rather than throwing. Every file is
 * checked here first, so the user gets a message naming the file instead.
 *
 * @param file       the file
 * @param tensors    tensor name to its description, in header order
 * @param dataOffset where tensor data begins (8 + header length)
 * @param fileLength the file's length in bytes
 */
public record SafetensorsFile(Path file, Map<String, Tensor> tensors, long dataOffset, long fileLength) {

    /** Jlama itself refuses headers over 1 GB; real ones are well under a few MB. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tensor entry: its element type, shape and byte range within the data section. */
    public record Tensor(String dtype, List<Long> shape, long begin, long end) {

        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    public static SafetensorsFile read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = ch.size();
            if (length < 8) {
                throw corrupt(file, "it is " + length + " bytes long, too short to hold a header");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLength = lenBuf.flip().getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES) {
                throw corrupt(file, "its header length field says " + headerLength + " bytes");
            }
            if (8 + headerLength > length) {
                throw corrupt(
                        file,
                        "it is cut short: the header needs " + (8 + headerLength) + " bytes but the file has "
                                + length);
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(ch, header, 8);
            JsonNode root;
            try {
                root = JSON.readTree(header.array());
            } catch (IOException e) {
                throw corrupt(file, "its header is not valid JSON (" + e.getMessage() + ")");
            }
            if (root == null || !root.isObject()) {
                throw corrupt(file, "its header is not a JSON object");
            }
            long dataOffset = 8 + headerLength;
            long dataLength = length - dataOffset;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            long needed = 0;
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                Tensor t = parseTensor(file, e.getKey(), e.getValue());
                needed = Math.max(needed, t.end());
                tensors.put(e.getKey(), t);
            }
            if (needed > dataLength) {
                throw corrupt(
                        file,
                        "it is cut short: its tensors need " + needed + " bytes of data but the file holds "
                                + dataLength + " (an interrupted download or copy?)");
            }
            return new SafetensorsFile(file, tensors, dataOffset, length);
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Tensor parseTensor(Path file, String name, JsonNode node) {
        JsonNode dtype = node.get("dtype");
        JsonNode shape = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtype == null
                || !dtype.isTextual()
                || shape == null
                || !shape.isArray()
                || offsets == null
                || !offsets.isArray()
                || offsets.size() != 2) {
            throw corrupt(file, "tensor '" + name + "' lacks dtype, shape or data_offsets");
        }
        List<Long> dims = new ArrayList<>();
        for (JsonNode d : shape) {
            if (!d.canConvertToLong() || d.asLong() < 0) {
                throw corrupt(file, "tensor '" + name + "' has a bad shape " + shape);
            }
            dims.add(d.asLong());
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end < begin) {
            throw corrupt(file, "tensor '" + name + "' has bad data_offsets " + offsets);
        }
        return new Tensor(dtype.asText(), List.copyOf(dims), begin, end);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }

    private static ModelFormatException corrupt(Path file, String why) {
        return new ModelFormatException("The weights file " + file + " is not usable: " + why
                + ". Download or copy the model again, or point Noesis at another folder.");
    }
}
