/**
 * Backing services as native processes or URLs the user gives: PostgreSQL, Redis, memcached, nginx,
 * a Celery worker and a slow HTTP upstream, each on a free loopback port, and what the app is told
 * about them.
 *
 * <p>May import: scenario, sut.process.
 */
package dev.djbench.sut.services;
