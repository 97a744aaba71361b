/**
 * The doctor: what a page's queries are, where they come from, and which of them are an N+1. It
 * reads the probe's query traces ({@link dev.djbench.doctor.RequestTrace}), groups each request's
 * queries by SQL shape ({@link dev.djbench.doctor.QueryGroups}), applies the rules that tell an N+1
 * from queries the code needs ({@link dev.djbench.doctor.Rules}), and judges growth between two
 * seed sizes. It measures nothing itself: the runner sends the requests and the load.
 *
 * <p>May import: stats.
 */
package dev.djbench.doctor;
