/**
 * Lab models: a small Llama written in DJL NDArray operations ({@link dev.noesis.lab.model.LlamaNet}),
 * its vocabulary learned from the world ({@link dev.noesis.lab.model.LabTokenizer}), the training
 * loop ({@link dev.noesis.lab.model.LabTrainer}: AdamW, clipping, warm-up, NaN guard,
 * checkpoints), the export to a model folder Jlama loads ({@link dev.noesis.lab.model.ModelExporter})
 * and {@link dev.noesis.lab.model.LabTraining}, which puts them together.
 *
 * <p>Imports DJL (api, PyTorch engine at run time, HuggingFace tokenizers), the world package,
 * {@code core.error} and, for the file formats, the Jlama adapter's safetensors reader and writer.
 * Never imports Jlama itself.
 */
package dev.noesis.lab.model;
