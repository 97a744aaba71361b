/**
 * The system under test of one run: where each backing service comes from ({@link
 * dev.djbench.sut.ServiceSet}), the services started before the first trial, and each experiment's
 * app servers, started, restarted and stopped together ({@link dev.djbench.sut.ExperimentServers}).
 *
 * <p>May import: scenario, sut.app, sut.docker, sut.process, sut.services.
 */
package dev.djbench.sut;
