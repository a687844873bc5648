/**
 * Cost beside accuracy: a local machine's hardware profile (watts, electricity price, hardware price
 * and lifetime) and a hosted API's price table, turned into energy and money per 1,000 questions per
 * arm. Pure arithmetic; imports core's error types only.
 */
package dev.noesis.experiments.run.cost;
