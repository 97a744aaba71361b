/**
 * The system under test in containers (Testcontainers), where a Docker engine answers: the app,
 * built from its own Dockerfile, and the backing services.
 *
 * <p>May import: scenario, sut.app, sut.process, sut.services.
 */
package dev.djbench.sut.docker;
