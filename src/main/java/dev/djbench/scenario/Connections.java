package dev.djbench.scenario;

/**
 * How the load generator's virtual users reach the app: which user behaviour a trial models.
 *
 * <p>Each virtual user sends one request (the open model), so the two differ only in whether that
 * request opens a connection of its own.
 */
public enum Connections {
  /**
   * A new connection for every request: a new visitor. Its latency includes the TCP connect and the
   * server's accept. Gunicorn's sync workers close every connection after one response anyway, so
   * against them this is what every client sees. The default.
   */
  NEW,
  /**
   * A pool of kept-alive connections shared by every virtual user: a returning client whose browser
   * or HTTP client keeps its connection open, or a proxy's upstream pool. A request on a connection
   * already open pays no connect; the server must keep connections alive (gthread, Uvicorn, nginx
   * in front), else the pool opens a new one each time and this reads as {@link #NEW}.
   */
  KEEP_ALIVE
}
