package dev.djbench.sut.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExternalEndpointTest {

  @Test
  void postgresUrlBecomesTheAppsDatabaseSettings() {
    ExternalEndpoint pg =
        ExternalEndpoint.parse(
            ServiceKind.POSTGRES, "postgres://app:s%40cret@db.internal:6432/shop");
    assertEquals("db.internal", pg.host());
    assertEquals(6432, pg.port());
    assertEquals(
        Map.of(
            "DJBENCH_DATABASE",
            "postgres",
            "DJBENCH_PG_HOST",
            "db.internal",
            "DJBENCH_PG_PORT",
            "6432",
            "DJBENCH_PG_NAME",
            "shop",
            "DJBENCH_PG_USER",
            "app",
            "DJBENCH_PG_PASSWORD",
            "s@cret"),
        pg.appEnvironment());
    assertEquals("postgres://app:***@db.internal:6432/shop", pg.redacted());
    assertEquals(
        5432, ExternalEndpoint.parse(ServiceKind.POSTGRES, "postgresql://app@db/shop").port());
  }

  @Test
  void redisUrlGivesTheCacheDatabaseAndTheBrokerDatabase() {
    ExternalEndpoint redis =
        ExternalEndpoint.parse(ServiceKind.REDIS, "redis://cache.internal:6380");
    assertEquals(
        Map.of(
            "DJBENCH_CACHE_URL",
            "redis://cache.internal:6380/0",
            "DJBENCH_CELERY_BROKER",
            "redis://cache.internal:6380/1"),
        redis.appEnvironment());
    ExternalEndpoint withPassword =
        ExternalEndpoint.parse(ServiceKind.REDIS, "redis://:p%2Fw@cache");
    assertEquals(Optional.of("p/w"), withPassword.password());
    assertEquals(6379, withPassword.port());
    assertEquals(
        "redis://:p%2Fw@cache:6379/0", withPassword.appEnvironment().get("DJBENCH_CACHE_URL"));
  }

  @Test
  void memcachedAndUpstreamUrls() {
    assertEquals(
        Map.of("DJBENCH_CACHE_URL", "mc.internal:11211"),
        ExternalEndpoint.parse(ServiceKind.MEMCACHED, "memcached://mc.internal").appEnvironment());
    assertEquals(
        Map.of("DJBENCH_UPSTREAM_URL", "http://slow.internal:8080"),
        ExternalEndpoint.parse(ServiceKind.UPSTREAM, "http://slow.internal:8080/")
            .appEnvironment());
  }

  @Test
  void badUrlsAreRefusedNamingTheValueAndTheFormExpected() {
    assertRefused(
        ServiceKind.POSTGRES,
        "mysql://u@h/db",
        "has scheme 'mysql'",
        "postgres://user:password@host:port/database");
    assertRefused(
        ServiceKind.POSTGRES,
        "postgres://h:5432/db",
        "must name a user and a database",
        "postgres://user:password@host:port/database");
    assertRefused(
        ServiceKind.POSTGRES,
        "postgres://u@h:5432",
        "must name a user and a database",
        "postgres://user:password@host:port/database");
    assertRefused(
        ServiceKind.POSTGRES, "postgres://u@h:notaport/db", "names no host", "postgres://");
    assertRefused(ServiceKind.REDIS, "redis://h:6379/3", "names a database", "redis://host:port");
    assertRefused(
        ServiceKind.REDIS,
        "cache.internal:6379",
        "has scheme 'cache.internal'",
        "redis://host:port");
    assertRefused(ServiceKind.REDIS, "redis://", "", "redis://host:port");
    assertRefused(
        ServiceKind.MEMCACHED,
        "memcached://u:p@h:1",
        "has a path or credentials",
        "memcached://host:port");
    assertRefused(ServiceKind.MEMCACHED, "  ", "is empty", "memcached://host:port");
    assertRefused(ServiceKind.UPSTREAM, "http://exa mple", "is not a URL", "http://host:port");
  }

  @Test
  void nginxAndCeleryCannotBeExternal() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExternalEndpoint.parse(ServiceKind.NGINX, "http://proxy:80"));
    assertTrue(e.getMessage().contains("nginx cannot be external"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ExternalEndpoint.parse(ServiceKind.CELERY, "redis://h"));
  }

  private static void assertRefused(ServiceKind kind, String value, String why, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ExternalEndpoint.parse(kind, value));
    String message = e.getMessage();
    assertTrue(
        message.contains("'" + value + "'") || value.isBlank(), "names the value: " + message);
    assertTrue(message.contains(why), "says why (" + why + "): " + message);
    assertTrue(message.contains("expected " + expected), "says what is expected: " + message);
  }
}
