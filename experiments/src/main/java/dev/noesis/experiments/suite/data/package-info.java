/**
 * The built-in suites over the evaluation data in {@code ../shared/data} (or any folder given):
 * GSM8K, HotpotQA closed book and with its gold evidence, 2WikiMultihopQA with its evidence triples,
 * and SciFact claim verification; and {@link dev.noesis.experiments.suite.data.JsonData}, which reads
 * data files record by record with file:line errors. Imports core (errors, facts, schemas), Jackson
 * and the other suite packages; the data is read at run time, never copied.
 */
package dev.noesis.experiments.suite.data;
