/**
 * The Django app under test as processes of this machine: migrated and seeded into djbench's own
 * database, served by Gunicorn, Uvicorn or runserver, health-checked, restarted and stopped.
 *
 * <p>May import: scenario, sut.process.
 */
package dev.djbench.sut.app;
