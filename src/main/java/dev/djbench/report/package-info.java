/**
 * Reports rendered from saved results: console text, Markdown, HTML with charts, JUnit XML. A
 * report never measures.
 *
 * <p>May import: analysis, doctor, results, stats.
 */
package dev.djbench.report;
