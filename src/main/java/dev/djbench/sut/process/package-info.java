/**
 * What the system under test is made of on this machine: processes in their own groups that never
 * outlive the harness, free loopback ports, the app's interpreter, CPU placement, readiness waits,
 * and {@link dev.djbench.sut.process.TargetException}.
 *
 * <p>May import: measure.
 */
package dev.djbench.sut.process;
