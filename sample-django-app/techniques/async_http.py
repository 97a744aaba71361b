"""A deliberately small asyncio HTTP client (GET only).

The async-io technique needs concurrent outbound requests without aiohttp or
httpx, which are not dependencies of this app. It speaks HTTP/1.0 so the
server must answer without chunked encoding and close the connection, which
makes "read until EOF" a complete response parser.
"""
import asyncio
import ssl
from urllib.parse import urlsplit


class HttpError(Exception):
    """The request could not be completed (connect, timeout, bad reply)."""


async def _get(url):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise HttpError(f"unsupported URL scheme in {url!r}")
    secure = parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    host_header = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    reader, writer = await asyncio.open_connection(
        parts.hostname, port, ssl=ssl.create_default_context() if secure else None
    )
    try:
        writer.write(
            f"GET {target} HTTP/1.0\r\nHost: {host_header}\r\n"
            f"User-Agent: djbench-app\r\nAccept: */*\r\n\r\n".encode("latin-1")
        )
        await writer.drain()
        raw = await reader.read()
    finally:
        writer.close()
        try:
            await writer.wait_closed()
        except (OSError, ssl.SSLError):
            pass  # already closed by the peer; nothing left to clean up

    head, separator, body = raw.partition(b"\r\n\r\n")
    status_line = head.split(b"\r\n", 1)[0].split()
    if not separator or len(status_line) < 2 or not status_line[1].isdigit():
        raise HttpError(f"malformed HTTP response from {url!r}")
    return int(status_line[1]), body


async def get(url, timeout=10.0):
    """GET url; returns (status, body bytes) or raises HttpError."""
    try:
        return await asyncio.wait_for(_get(url), timeout)
    except asyncio.TimeoutError:
        raise HttpError(f"timed out after {timeout:g} s: {url}") from None
    except OSError as exc:
        raise HttpError(f"{url}: {exc}") from exc
