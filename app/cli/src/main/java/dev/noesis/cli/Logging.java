package dev.noesis.cli;

/**
 * Logging for the command line (SLF4J's simple logger on standard error): warnings only, unless
 * --verbose asks for progress logs. Must run before the first logger is created.
 */
final class Logging {

    /** Held so that the level sticks: java.util.logging keeps loggers only weakly. */
    private static final java.util.logging.Logger LUCENE = java.util.logging.Logger.getLogger("org.apache.lucene");

    private Logging() {}

    static void configure(boolean verbose) {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showLogName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        // DJL probes for CUDA at start and warns on machines that have the libraries but no GPU.
        setDefault("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        // ONNX Runtime (embeddings) likewise looks for a CUDA provider first.
        setDefault("org.slf4j.simpleLogger.log.ai.djl.onnxruntime.engine.OrtEngine", "error");
        // PDFBox warns about substituted fonts and odd structures that do not affect the text it extracts.
        setDefault("org.slf4j.simpleLogger.log.org.apache.pdfbox", verbose ? "warn" : "error");
        // Lucene logs through java.util.logging (which vector instructions it uses) at INFO.
        if (!verbose) {
            LUCENE.setLevel(java.util.logging.Level.WARNING);
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
